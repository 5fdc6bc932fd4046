import os
import tempfile
import zipfile

import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)
X = rng.normal(size=(64, 4)).astype(np.float32)
y = (X @ rng.normal(size=(4, 1))).astype(np.float32)


@tf.keras.utils.register_keras_serializable(package="day29")  # so load_model can find the class by name
class MyDense(tf.keras.layers.Layer):
    """A dense layer with ReLU, written by hand."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.weight = self.add_weight(shape=(input_shape[-1], self.units), initializer="glorot_uniform",
                                      name="weight")
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")

    def call(self, x):
        return tf.nn.relu(x @ self.weight + self.bias)

    def get_config(self):  # what the saved file needs to rebuild the layer
        return {**super().get_config(), "units": self.units}


model = tf.keras.Sequential([tf.keras.Input((4,)), MyDense(16), tf.keras.layers.Dense(1)])
model.compile(optimizer=tf.keras.optimizers.Adam(0.01), loss="mse")
for _ in range(20):
    model.train_on_batch(X, y)

print(f"loss at the checkpoint: {float(model.evaluate(X, y, verbose=0)):.4f}")

# Checkpoint: architecture, weights and optimizer state in one .keras file.
path = os.path.join(tempfile.mkdtemp(), "model.keras")
model.save(path)
print("saved:", os.path.basename(path), "holding", sorted(zipfile.ZipFile(path).namelist()))
restored = tf.keras.models.load_model(path)
print("restored layer types:", [type(layer).__name__ for layer in restored.layers])
print("max |difference| in predictions:", float(tf.reduce_max(tf.abs(model(X) - restored(X)))))

# Resume: ten more steps on the original and on the restored copy end in the same place.
for _ in range(10):
    model.train_on_batch(X, y)
    restored.train_on_batch(X, y)
print("max |difference| after resuming:", float(tf.reduce_max(tf.abs(model(X) - restored(X)))))
print(f"loss after resuming: {float(model.evaluate(X, y, verbose=0)):.4f}")
