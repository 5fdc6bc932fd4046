# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import torch
from sklearn.datasets import make_moons
from sklearn.linear_model import LogisticRegression
from torch import nn

DATA_SEED = 0
SEEDS = (0, 1, 2)  # initial weights, one run per seed
N_POINTS, N_TRAIN = 600, 400
NOISE = 0.2
HIDDEN = 32
LEARNING_RATE = 0.01
STEPS = 500  # full-batch Adam steps, for every model
for name in ["DATA_SEED", "SEEDS", "N_POINTS", "N_TRAIN", "NOISE", "HIDDEN",
             "LEARNING_RATE", "STEPS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Two moons: 400 points to train, 200 to test
X, y = make_moons(N_POINTS, noise=NOISE, random_state=DATA_SEED)  # shuffled
X, y = torch.tensor(X).float(), torch.tensor(y).float()[:, None]
X_train, y_train = X[:N_TRAIN], y[:N_TRAIN]
X_test, y_test = X[N_TRAIN:], y[N_TRAIN:]
loss_fn = nn.BCEWithLogitsLoss()

# %% The strong simple baseline: logistic regression, solved to convergence
baseline = LogisticRegression(penalty=None).fit(X_train, y_train[:, 0])
print(f"scikit-learn logistic regression: test accuracy "
      f"{baseline.score(X_test, y_test[:, 0]):.3f}")


# %% Models
def build(hidden):  # two hidden layers of 32 ReLU units, or none
    if not hidden:
        return nn.Linear(2, 1)
    return nn.Sequential(nn.Linear(2, HIDDEN), nn.ReLU(),
                         nn.Linear(HIDDEN, HIDDEN), nn.ReLU(),
                         nn.Linear(HIDDEN, 1))


def accuracy(model, X, y):
    with torch.no_grad():
        return ((model(X) > 0) == y).float().mean().item()


# %% Training: full-batch Adam on the binary cross-entropy
def train(model):
    optimizer = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)

    def step():
        loss = loss_fn(model(X_train), y_train)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()

    for _ in range(STEPS):
        step()
    return model


# %% One run per seed: test accuracy, and the MLP's train accuracy
for seed in SEEDS:
    torch.manual_seed(seed)
    models = {"linear": train(build(0)), "MLP": train(build(1))}
    linear, mlp = (accuracy(m, X_test, y_test) for m in models.values())
    fit = accuracy(models["MLP"], X_train, y_train)
    print(f"seed {seed}: linear {linear:.3f}, MLP {mlp:.3f}, "
          f"gain {mlp - linear:+.3f}, MLP train accuracy {fit:.3f}")

# %% Figure: the last seed's boundaries on the test points
x0, x1 = np.meshgrid(np.linspace(-1.5, 2.5, 200), np.linspace(-1, 1.5, 200))
grid = torch.tensor(np.stack([x0.ravel(), x1.ravel()], axis=1)).float()
fig, axes = plt.subplots(1, 2, figsize=(9, 3.6))
for ax, (name, model) in zip(axes, models.items()):
    with torch.no_grad():
        prob = torch.sigmoid(model(grid)).numpy().reshape(x0.shape)
    ax.contourf(x0, x1, prob, levels=np.linspace(0, 1, 11),
                cmap="RdBu_r", alpha=0.7)
    ax.contour(x0, x1, prob, levels=[0.5], colors="k")  # boundary
    ax.scatter(X_test[:, 0], X_test[:, 1], c=y_test[:, 0], cmap="RdBu_r",
               s=12, edgecolors="w", linewidths=0.4)
    ax.set_title(f"{name}, seed {seed}")
fig.suptitle("PyTorch, two moons: boundaries (black) on the test points")
plt.show()
