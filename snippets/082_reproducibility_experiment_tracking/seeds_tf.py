# %% Settings
import random
import time

import keras
import numpy as np
import tensorflow as tf

DATA_SEED = 0  # the generated data
SEED, OTHER_SEED = 0, 1  # the training runs
N, FEATURES, HIDDEN, DROPOUT = 512, 8, 32, 0.5
BATCH_SIZE, EPOCHS, LEARNING_RATE = 64, 3, 0.01  # Adam
for name in ("DATA_SEED SEED OTHER_SEED N FEATURES HIDDEN DROPOUT BATCH_SIZE "
             "EPOCHS LEARNING_RATE").split():
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
# %% Data: a noisy linear target, generated with NumPy
rng = np.random.default_rng(DATA_SEED)
X = rng.normal(size=(N, FEATURES)).astype("float32")
y = (X @ rng.normal(size=FEATURES) + 0.1 * rng.normal(size=N))
y = y.astype("float32")
print("X:", X.shape, "y:", y.shape)
# %% One run: initial weights, dropout masks and shuffling are all random
def run(seed):
    keras.utils.set_random_seed(seed)  # Python, NumPy and TensorFlow
    model = keras.Sequential([keras.Input((FEATURES,)),
                              keras.layers.Dense(HIDDEN, "relu"),
                              keras.layers.Dropout(DROPOUT),
                              keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.Adam(LEARNING_RATE), loss="mse")
    history = model.fit(X, y, batch_size=BATCH_SIZE, epochs=EPOCHS,
                        shuffle=True, verbose=0)
    weights = np.concatenate([w.ravel() for w in model.get_weights()])
    return weights, np.array(history.history["loss"])
# %% The same seed twice, and another seed
w_a, loss_a = run(SEED)
w_b, loss_b = run(SEED)
w_c, loss_c = run(OTHER_SEED)
print("same seed, weights bitwise equal:", np.array_equal(w_a, w_b))
print("same seed, losses bitwise equal:", np.array_equal(loss_a, loss_b))
print(f"other seed, weights equal: {np.array_equal(w_a, w_c)}, "
      f"max |difference| {np.abs(w_a - w_c).max():.3f}")
print("losses per epoch, seed 0:", np.round(loss_a, 4))
print("losses per epoch, seed 1:", np.round(loss_c, 4))
# %% What one call seeds, and what it does not
draw = lambda: (keras.layers.Dropout(DROPOUT)(np.ones((1, 8)), training=True),
                tf.data.Dataset.range(8).shuffle(8), random.random(),
                np.random.rand(),
                np.random.default_rng().random())  # a new unseeded generator
keras.utils.set_random_seed(SEED)
first = draw()
keras.utils.set_random_seed(SEED)
again = draw()
print("dropout mask repeats:", np.array_equal(first[0], again[0]))
print("shuffled order repeats:", list(first[1]) == list(again[1]))
print("random.random repeats:", first[2] == again[2])
print("np.random.rand repeats:", first[3] == again[3])
print("np.random.default_rng() repeats:", first[4] == again[4])
# %% Which generator the layers' random numbers come from
mask = lambda: keras.layers.Dropout(DROPOUT)(np.ones((1, 64)), training=True)
for name, reseed in (("random.seed", random.seed),
                     ("tf.random.set_seed", tf.random.set_seed)):
    reseed(SEED)
    mask_a = mask()
    reseed(SEED)
    same = np.array_equal(mask_a, mask())
    print(f"dropout mask repeats after {name} alone: {same}")
# %% The determinism switch, and what it costs on this machine
# verified: timing
start = time.perf_counter()
w_off, _ = run(SEED)
seconds_off = time.perf_counter() - start
tf.config.experimental.enable_op_determinism()  # for the whole process
start = time.perf_counter()
w_on, _ = run(SEED)
seconds_on = time.perf_counter() - start
print(f"this machine, one run: {seconds_off:.2f} s off, {seconds_on:.2f} s on")
# %% What the switch changed here, and what it demands
print("switch on, same weights as off:", np.array_equal(w_off, w_on))
print("public switches:",
      [n for n in dir(tf.config.experimental) if "determinism" in n])
tf.random.set_seed(None)  # forget the global seed
try:
    tf.random.uniform((1,))  # a random op with no seed anywhere
except RuntimeError as error:
    print("unseeded random op:", type(error).__name__)
    print(" ", str(error).split(". ")[0])
tf.random.uniform((1,), seed=SEED)  # its own seed is enough
print("random op with its own seed, no global seed: ran")
