# %% Settings and data
import numpy as np
import tensorflow as tf

SEED = 0
N = 64  # examples
N_IN = 4
LEARNING_RATE = 0.01
STEPS = 20  # Adam steps before the checkpoint, and again after it
FACTOR = 2.0  # the argument of the custom layer Scale
for name in ["SEED", "N", "N_IN", "LEARNING_RATE", "STEPS", "FACTOR"]:
    print(f"{name}: {globals()[name]}")
tf.keras.utils.set_random_seed(SEED)
rng = np.random.default_rng(SEED)
X = rng.normal(size=(N, N_IN)).astype(np.float32)
y = (X @ rng.normal(size=(N_IN, 1))).astype(np.float32)


# %% A custom layer
def fails(f):  # the error's name, or "no"
    try:
        f()
        return "no"
    except Exception as error:
        return type(error).__name__


class Scale(tf.keras.layers.Layer):  # no get_config, not registered
    def __init__(self, factor, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor

    def call(self, x):
        return x * self.factor


def save_and_load(layer, name):
    tf.keras.Sequential([tf.keras.Input((N_IN,)), layer]).save(name)
    return tf.keras.models.load_model(name)


# %% What a saved custom layer needs
print("unregistered class, loading fails:",
      fails(lambda: save_and_load(Scale(FACTOR), "scale.keras")))
Registered = tf.keras.utils.register_keras_serializable("day29")(Scale)
print("registered, a number argument, no get_config, fails:",
      fails(lambda: save_and_load(Registered(FACTOR), "number.keras")))
print("registered, an array argument, no get_config, fails:",
      fails(lambda: save_and_load(Registered(np.ones(N_IN)), "array.keras")))


# %% Train, then save a checkpoint
def make():
    layers = [tf.keras.Input((N_IN,)), tf.keras.layers.Dense(1)]
    model = tf.keras.Sequential(layers)
    model.compile(tf.keras.optimizers.Adam(LEARNING_RATE), loss="mse")
    return model


model = make()
for _ in range(STEPS):
    model.train_on_batch(X, y)
model.save("checkpoint.keras")  # the weights and the optimizer state

# %% Two restarts: with and without the optimizer state
restored = tf.keras.models.load_model("checkpoint.keras")
fresh = make()  # the weights copied, Adam started afresh
fresh.set_weights(model.get_weights())

# %% Resume all three, and compare with the uninterrupted run
for _ in range(STEPS):
    for m in (model, restored, fresh):
        m.train_on_batch(X, y)
for name, other in [("fresh", fresh), ("restored", restored)]:
    gap = float(tf.reduce_max(tf.abs(model(X) - other(X))))
    print(f"{name} optimizer, max |difference| after resuming: {gap:.4f}",
          f"(zero: {gap == 0})")
