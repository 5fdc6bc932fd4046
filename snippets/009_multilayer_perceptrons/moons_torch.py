import matplotlib.pyplot as plt
import numpy as np
import torch
from sklearn.datasets import make_moons
from torch import nn

torch.manual_seed(0)
X, y = make_moons(600, noise=0.2, random_state=0)  # already shuffled
X, y = torch.tensor(X, dtype=torch.float32), torch.tensor(y, dtype=torch.float32)[:, None]
X_train, y_train, X_test, y_test = X[:400], y[:400], X[400:], y[400:]
loss_fn = nn.BCEWithLogitsLoss()

def train(model, steps=500):  # full-batch Adam
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)

    def step():
        loss = loss_fn(model(X_train), y_train)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()

    for _ in range(steps):
        step()

def accuracy(model, X, y):
    with torch.no_grad():
        return ((model(X) > 0) == y).float().mean().item()

models = {
    "linear": nn.Sequential(nn.Linear(2, 1)),
    "MLP, 2 hidden layers of 32": nn.Sequential(nn.Linear(2, 32), nn.ReLU(), nn.Linear(32, 32), nn.ReLU(), nn.Linear(32, 1)),
}
for name, model in models.items():
    train(model)
    print(f"{name}: train accuracy {accuracy(model, X_train, y_train):.3f}, test accuracy {accuracy(model, X_test, y_test):.3f}")

x0, x1 = np.meshgrid(np.linspace(-1.5, 2.5, 200), np.linspace(-1, 1.5, 200))
grid = torch.tensor(np.stack([x0.ravel(), x1.ravel()], axis=1), dtype=torch.float32)
fig, axes = plt.subplots(1, 2, figsize=(9, 3.6))
for ax, (name, model) in zip(axes, models.items()):
    with torch.no_grad():
        prob = torch.sigmoid(model(grid)).numpy().reshape(x0.shape)
    ax.contourf(x0, x1, prob, levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.7)
    ax.contour(x0, x1, prob, levels=[0.5], colors="k")  # the decision boundary
    ax.scatter(X_test[:, 0], X_test[:, 1], c=y_test[:, 0], cmap="RdBu_r", s=12, edgecolors="w", linewidths=0.4)
    ax.set_title(f"{name} (test points)")
plt.show()
