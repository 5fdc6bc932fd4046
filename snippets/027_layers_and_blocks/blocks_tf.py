# %% Settings and data
import numpy as np
import tensorflow as tf

SEED = 0
BATCH = 2
N_IN = 20  # the MLP 20 -> 256 -> 10
HIDDEN = 256
N_OUT = 10
for name in ["SEED", "BATCH", "N_IN", "HIDDEN", "N_OUT"]:
    print(f"{name}: {globals()[name]}")
tf.keras.utils.set_random_seed(SEED)
X = np.random.default_rng(SEED).uniform(size=(BATCH, N_IN)).astype(np.float32)

# %% Sequential: layers applied in order
hidden = tf.keras.layers.Dense(HIDDEN, activation="relu")
net = tf.keras.Sequential([hidden, tf.keras.layers.Dense(N_OUT)])
print("weights exist before the first call:", net.built)
print("sequential output shape:", tuple(net(X).shape))  # Keras builds here
print("parameters per layer:", *[layer.count_params() for layer in net.layers])
print("sequential parameters:", net.count_params())


# %% The same network as a custom block
class MLP(tf.keras.Model):
    def __init__(self):
        super().__init__()  # first, always
        self.hidden = tf.keras.layers.Dense(HIDDEN, activation="relu")
        self.out = tf.keras.layers.Dense(N_OUT)

    def call(self, x):  # the forward pass
        return self.out(self.hidden(x))


mlp = MLP()
print("custom block output shape:", tuple(mlp(X).shape))
print("custom block parameters:", mlp.count_params())


# %% Any code in the forward pass
class FixedHiddenMLP(tf.keras.layers.Layer):
    def __init__(self):
        super().__init__()
        constant = np.random.default_rng(1).uniform(size=(N_IN, N_IN))
        self.rand_weight = tf.constant(constant, tf.float32)  # not trained
        self.linear = tf.keras.layers.Dense(N_IN)

    def call(self, x):
        x = self.linear(x)
        x = tf.nn.relu(x @ self.rand_weight + 1)
        x = self.linear(x)  # the same layer again: the same parameters
        while tf.reduce_sum(tf.abs(x)) > 1:  # a data-dependent loop
            x /= 2
        return tf.reduce_sum(x)


# %% One layer used twice, and a constant
fixed = FixedHiddenMLP()
print("fixed-hidden output shape:", tuple(fixed(X).shape))
print("fixed-hidden parameters:", fixed.count_params())
print("fixed-hidden trainable tensors:", len(fixed.trainable_weights))
