import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(0)
X = np.random.default_rng(0).uniform(size=(2, 20)).astype(np.float32)  # a batch of 2 examples, 20 features

# 1. Sequential: a list of layers applied in order. Keras creates the weights at the first call.
net = tf.keras.Sequential([tf.keras.layers.Dense(256, activation="relu"), tf.keras.layers.Dense(10)])
print("weights exist before the first call:", net.built)
print("sequential output shape:", tuple(net(X).shape))
print("sequential parameters:", net.count_params())


# 2. The same network as a custom block: sub-layers in __init__, the forward pass in call.
class MLP(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.hidden = tf.keras.layers.Dense(256, activation="relu")
        self.out = tf.keras.layers.Dense(10)

    def call(self, x):
        return self.out(self.hidden(x))


mlp = MLP()
print("custom block output shape:", tuple(mlp(X).shape))
print("custom block parameters:", mlp.count_params())


# 3. Any code can run in the forward pass: a constant matrix, a layer used twice, a while loop.
class FixedHiddenMLP(tf.keras.layers.Layer):
    def __init__(self):
        super().__init__()
        constant = np.random.default_rng(1).uniform(size=(20, 20))
        self.rand_weight = tf.constant(constant, tf.float32)  # a plain tensor: not trained
        self.linear = tf.keras.layers.Dense(20)

    def call(self, x):
        x = self.linear(x)
        x = tf.nn.relu(x @ self.rand_weight + 1)
        x = self.linear(x)  # the same layer again: the same parameters
        while tf.reduce_sum(tf.abs(x)) > 1:
            x /= 2
        return tf.reduce_sum(x)


fixed = FixedHiddenMLP()
print("fixed-hidden output shape:", tuple(fixed(X).shape))
print("fixed-hidden parameters:", fixed.count_params())
