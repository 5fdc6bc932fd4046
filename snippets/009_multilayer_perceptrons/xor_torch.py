import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn

torch.manual_seed(0)
rng = np.random.default_rng(0)
X = torch.tensor(rng.uniform(-1, 1, (400, 2)), dtype=torch.float32)
y = (X[:, 0] * X[:, 1] > 0).float()[:, None]  # 1 where the two signs agree: XOR
loss_fn = nn.BCEWithLogitsLoss()

def train(model, steps=500):  # full-batch Adam
    optimizer = torch.optim.Adam(model.parameters(), lr=0.05)

    def step():
        loss = loss_fn(model(X), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()

    for _ in range(steps):
        step()

models = {
    "linear": nn.Sequential(nn.Linear(2, 1)),
    "three linear layers": nn.Sequential(nn.Linear(2, 16), nn.Linear(16, 16), nn.Linear(16, 1)),  # no activations
    "MLP, 16 ReLU units": nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 1)),
}
for name, model in models.items():
    train(model)
    with torch.no_grad():
        logits = model(X)
    print(f"{name}: loss {loss_fn(logits, y).item():.3f}, accuracy {((logits > 0) == y).float().mean().item():.3f}")

# Without activations, the three layers multiply out to one linear map x @ W + b.
with torch.no_grad():
    L1, L2, L3 = models["three linear layers"]
    W = L1.weight.T @ L2.weight.T @ L3.weight.T
    b = (L1.bias[None] @ L2.weight.T + L2.bias) @ L3.weight.T + L3.bias
    gap = (models["three linear layers"](X) - (X @ W + b)).abs().max().item()
print(f"three linear layers = one linear map: max difference {gap:.1e}")

axis = np.linspace(-1, 1, 200)
grid = torch.tensor(np.stack(np.meshgrid(axis, axis), axis=-1).reshape(-1, 2), dtype=torch.float32)
fig, axes = plt.subplots(1, 3, figsize=(11, 3.6))
for ax, (name, model) in zip(axes, models.items()):
    with torch.no_grad():
        prob = torch.sigmoid(model(grid)).numpy().reshape(200, 200)
    ax.contourf(axis, axis, prob, levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.7)
    ax.contour(axis, axis, prob, levels=[0.5], colors="k")  # the decision boundary
    ax.scatter(X[:, 0], X[:, 1], c=y[:, 0], cmap="RdBu_r", s=12, edgecolors="w", linewidths=0.4)
    ax.set_title(name)
plt.show()
