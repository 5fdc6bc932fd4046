# %% Settings
import numpy as np
import torch
from sklearn.datasets import load_digits
from sklearn.linear_model import LogisticRegression

DATA_SEED = 0  # the train/test split and the noise baseline
N_TRAIN = 1297  # of the 1797 digits; the other 500 are held out
N_SAMPLES = 500  # images scored per sampler
for name in ["DATA_SEED", "N_TRAIN", "N_SAMPLES"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: 8x8 digits scaled from 0..16 to [-1, 1], the range of tanh
X, y = load_digits(return_X_y=True)
order = np.random.default_rng(DATA_SEED).permutation(len(X))
X, y = X[order] / 8.0 - 1.0, y[order]
X_train, y_train = X[:N_TRAIN], y[:N_TRAIN]
X_test, y_test = X[N_TRAIN:], y[N_TRAIN:]
real = torch.tensor(X_train, dtype=torch.float32).reshape(-1, 1, 8, 8)
print("train:", tuple(real.shape), "pixels:", real.min().item(),
      "to", real.max().item())

# %% The judge: logistic regression on the 64 pixels of the real digits
judge = LogisticRegression(max_iter=2000).fit(X_train, y_train)
print(f"judge accuracy on held-out digits: {judge.score(X_test, y_test):.3f}")


def score(images):
    probs = judge.predict_proba(np.asarray(images).reshape(-1, 64))
    counts = np.bincount(probs.argmax(axis=1), minlength=10)
    classes = int((counts >= 0.02 * len(probs)).sum())  # 2% or more
    return counts, classes, probs.max(axis=1).mean()


def report(label, images):
    counts, classes, confidence = score(images)
    print(f"{label}: classes {classes}, confidence {confidence:.3f}")
    print("  per class:", " ".join(f"{c:3d}" for c in counts))


# %% Baselines: real digits, noise, and one image repeated (a collapse)
noise = np.random.default_rng(DATA_SEED).uniform(-1, 1, (N_SAMPLES, 64))
report("held-out real", X_test)
report("uniform noise", noise)
report("mean digit x500", np.tile(X_train.mean(axis=0), (N_SAMPLES, 1)))
