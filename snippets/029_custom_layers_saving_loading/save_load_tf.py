# %% Settings and data
import zipfile

import numpy as np
import tensorflow as tf

SEED = 0
N = 64  # examples
N_IN = 4  # the model 4 -> 16 -> 1
UNITS = 16
LEARNING_RATE = 0.01
STEPS = 20  # Adam steps before the checkpoint
MORE_STEPS = 10  # after it, on the original and on the reloaded copy
for name in ["SEED", "N", "N_IN", "UNITS", "LEARNING_RATE", "STEPS"]:
    print(f"{name}: {globals()[name]}")
print(f"MORE_STEPS: {MORE_STEPS}")
tf.keras.utils.set_random_seed(SEED)
rng = np.random.default_rng(SEED)
X = rng.normal(size=(N, N_IN)).astype(np.float32)
y = (X @ rng.normal(size=(N_IN, 1))).astype(np.float32)


# %% A custom layer that can be saved
@tf.keras.utils.register_keras_serializable(package="day29")  # found by name
class MyDense(tf.keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        shape = (input_shape[-1], self.units)
        self.weight = self.add_weight(shape, "glorot_uniform", name="weight")
        self.bias = self.add_weight((self.units,), "zeros", name="bias")

    def call(self, x):
        return tf.nn.relu(x @ self.weight + self.bias)

    def get_config(self):  # what the file needs to rebuild the layer
        return {**super().get_config(), "units": self.units}


# %% Train to the checkpoint
model = tf.keras.Sequential(
    [tf.keras.Input((N_IN,)), MyDense(UNITS), tf.keras.layers.Dense(1)]
)
model.compile(optimizer=tf.keras.optimizers.Adam(LEARNING_RATE), loss="mse")
for _ in range(STEPS):
    model.train_on_batch(X, y)
loss = model.evaluate(X, y, verbose=0)
print(f"loss at the checkpoint: {loss:.4f}")

# %% Save and load
# architecture, weights and optimizer state, in one file
model.save("model.keras")  # in the working directory
files = sorted(zipfile.ZipFile("model.keras").namelist())
print("saved: model.keras holding", files)
restored = tf.keras.models.load_model("model.keras")
print("restored layer types:", [type(l).__name__ for l in restored.layers])
gap = float(tf.reduce_max(tf.abs(model(X) - restored(X))))
print("max |difference| in predictions:", gap)

# %% Resume: more steps on the original and on the restored copy
for _ in range(MORE_STEPS):
    model.train_on_batch(X, y)
    restored.train_on_batch(X, y)
gap = float(tf.reduce_max(tf.abs(model(X) - restored(X))))
print("max |difference| after resuming:", gap)
print(f"loss after resuming: {model.evaluate(X, y, verbose=0):.4f}")
