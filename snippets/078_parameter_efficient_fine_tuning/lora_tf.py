# %% Settings
import keras
import numpy as np
import tensorflow as tf

D_IN, D_OUT, RANK, ALPHA = 64, 32, 4, 8  # LoRA scale ALPHA / RANK
SEED, STEPS, LEARNING_RATE, N = 0, 50, 0.01, 256
for name in [k for k in list(globals()) if k.isupper()]:  # the settings
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
keras.utils.set_random_seed(SEED)
# %% A LoRA layer: the frozen dense layer plus a low-rank update
class LoRADense(keras.layers.Layer):  # y = x W0 + b + (ALPHA / RANK) x A B
    def __init__(self, base):
        super().__init__()
        self.base, base.trainable = base, False  # W0 and b stay frozen
        d_in, d_out = base.kernel.shape
        self.A = self.add_weight((d_in, RANK), keras.initializers.RandomNormal(
            stddev=d_in ** -0.5))  # Gaussian; its scale does not depend on r
        self.B = self.add_weight((RANK, d_out), "zeros")  # zero
    def call(self, x):
        return self.base(x) + (ALPHA / RANK) * (x @ self.A) @ self.B
base = keras.layers.Dense(D_OUT)  # stands for one pretrained layer
x = tf.random.normal((N, D_IN))
base(x)  # built: kernel (d_in, d_out), bias (d_out,)
lora = LoRADense(base)
start = float(tf.reduce_max(tf.abs(lora(x) - base(x))))
print(f"max |adapted - base| at the start: {start:.1e}")
# %% Trainable parameters: LoRA against full fine-tuning
trainable = sum(int(np.prod(w.shape)) for w in lora.trainable_weights)
full = sum(int(np.prod(w.shape)) for w in base.weights)
print(f"trainable with LoRA: {trainable} = r * (d_in + d_out) = "
      f"{RANK * (D_IN + D_OUT)}")
print(f"full fine-tuning: {full} = d_in * d_out + d_out = "
      f"{D_IN * D_OUT + D_OUT}")
print(f"fraction: {trainable / full:.4f}")
# %% A few training steps on a random target: only A and B move
w0_before = base.kernel.numpy().copy()
target = tf.random.normal((N, D_OUT))
adam = keras.optimizers.Adam(LEARNING_RATE)
@tf.function
def train_step():
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean((lora(x) - target) ** 2)
    grads = tape.gradient(loss, lora.trainable_weights)
    adam.apply_gradients(zip(grads, lora.trainable_weights))
for step in range(STEPS):
    train_step()
moved = np.abs(base.kernel.numpy() - w0_before).max()
print(f"max |W0 after - W0 before|: {moved:.1e}")
print(f"max |B| after training: {np.abs(lora.B.numpy()).max():.3f}")
# %% Merging: W0 plus the scaled update, one dense layer again
merged = keras.layers.Dense(D_OUT)  # W = W0 + (ALPHA / RANK) A B
merged.build((None, D_IN))
merged.set_weights([base.kernel + (ALPHA / RANK) * lora.A @ lora.B,
                    base.bias])
gap = float(tf.reduce_max(tf.abs(merged(x) - lora(x))))
print(f"max |merged - adapter|: {gap:.1e} (tolerance 1e-5)")
