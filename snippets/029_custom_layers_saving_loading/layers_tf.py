# %% Settings
import numpy as np
import tensorflow as tf

SEED = 0
N_IN = 5  # MyDense: 5 inputs -> 3 units, on 2 examples
UNITS = 3
BATCH = 2
for name in ["SEED", "N_IN", "UNITS", "BATCH"]:
    print(f"{name}: {globals()[name]}")
tf.keras.utils.set_random_seed(SEED)
rng = np.random.default_rng(SEED)
np.set_printoptions(precision=5, suppress=True)


# %% A layer without parameters
class CenteredLayer(tf.keras.layers.Layer):
    def call(self, x):  # subtract the mean of the input
        return x - tf.reduce_mean(x)


centred = CenteredLayer()(tf.constant([1.0, 2.0, 3.0, 4.0, 5.0]))
print("centred:", centred.numpy().tolist())
net = tf.keras.Sequential(
    [tf.keras.Input((8,)), tf.keras.layers.Dense(128), CenteredLayer()]
)
U = rng.uniform(size=(4, 8)).astype(np.float32)
mean = abs(float(tf.reduce_mean(net(U))))
print(f"mean after a dense layer + CenteredLayer: {mean:.1e}")


# %% A layer with parameters
class MyDense(tf.keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):  # created here: the input size is known
        shape = (input_shape[-1], self.units)
        self.weight = self.add_weight(shape, "glorot_uniform", name="weight")
        self.bias = self.add_weight((self.units,), "zeros", name="bias")

    def call(self, x):
        return tf.nn.relu(x @ self.weight + self.bias)


# %% MyDense with the same NumPy weights in both frameworks
dense = MyDense(UNITS)
dense.build((None, N_IN))
weights = dense.trainable_weights
print("parameters:", [(w.name, tuple(w.shape)) for w in weights])
W, b = rng.normal(size=(N_IN, UNITS)), rng.normal(size=UNITS)
dense.set_weights([W, b])
X = rng.normal(size=(BATCH, N_IN)).astype(np.float32)
print("MyDense output:", dense(X).numpy())
print("as ReLU(XW + b):", np.maximum(X @ W + b, 0))
