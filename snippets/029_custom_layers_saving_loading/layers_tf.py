import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)
np.set_printoptions(precision=5, suppress=True)


class CenteredLayer(tf.keras.layers.Layer):
    """A layer without parameters: subtract the mean of the input."""

    def call(self, x):
        return x - tf.reduce_mean(x)


class MyDense(tf.keras.layers.Layer):
    """A dense layer with ReLU: parameters are created in build, once the input size is known."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.weight = self.add_weight(shape=(input_shape[-1], self.units), initializer="glorot_uniform",
                                      name="weight")
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")

    def call(self, x):
        return tf.nn.relu(x @ self.weight + self.bias)


print("centred:", CenteredLayer()(tf.constant([1.0, 2.0, 3.0, 4.0, 5.0])).numpy().tolist())
net = tf.keras.Sequential([tf.keras.Input((8,)), tf.keras.layers.Dense(128), CenteredLayer()])
U = rng.uniform(size=(4, 8)).astype(np.float32)
print(f"mean after a Dense + CenteredLayer: {abs(float(tf.reduce_mean(net(U)))):.1e}")

dense = MyDense(3)
dense.build((None, 5))
print("parameters:", [(w.name, tuple(w.shape)) for w in dense.trainable_weights])
W, b = rng.normal(size=(5, 3)), rng.normal(size=3)  # the same NumPy values in both frameworks
dense.set_weights([W, b])
X = rng.normal(size=(2, 5)).astype(np.float32)
print("MyDense output:", dense(X).numpy())
print("as ReLU(XW + b):", np.maximum(X @ W + b, 0))
