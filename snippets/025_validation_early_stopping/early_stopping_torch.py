import copy

import matplotlib.pyplot as plt
import numpy as np
import torch
from sklearn.datasets import load_digits
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)
X, y = load_digits(return_X_y=True)
X = (X / 16.0).astype(np.float32)
order = np.random.default_rng(0).permutation(len(X))
train, val, test = order[:300], order[300:800], order[800:]  # test is never used for decisions
X_val, y_val = torch.tensor(X[val]), torch.tensor(y[val])
X_test, y_test = torch.tensor(X[test]), torch.tensor(y[test])
loader = DataLoader(TensorDataset(torch.tensor(X[train]), torch.tensor(y[train])), batch_size=50, shuffle=True)
model = nn.Sequential(nn.Linear(64, 256), nn.ReLU(), nn.Linear(256, 10))
opt = torch.optim.Adam(model.parameters(), lr=1e-2)
loss_fn = nn.CrossEntropyLoss()
max_epochs, patience = 200, 10


def val_loss():
    with torch.no_grad():
        return loss_fn(model(X_val), y_val).item()


train_history, history, best, best_epoch, wait = [], [], float("inf"), 0, 0
for epoch in range(max_epochs):
    batch_losses = []
    for xb, yb in loader:
        opt.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        opt.step()
        batch_losses.append(loss.item())
    train_history.append(np.mean(batch_losses))
    history.append(val_loss())
    if history[-1] < best:  # improvement: remember a copy of the weights
        best, best_epoch, wait = history[-1], epoch, 0
        best_state = copy.deepcopy(model.state_dict())
    else:
        wait += 1
        if wait >= patience:
            break

print(f"epochs run: {len(history)} of {max_epochs}")
print(f"best epoch: {best_epoch + 1}, val loss there: {best:.6f}")
print(f"val loss at the last epoch: {history[-1]:.6f}")
model.load_state_dict(best_state)
print(f"val loss after restoring the best weights: {val_loss():.6f}")
with torch.no_grad():
    print(f"test accuracy of the restored model: {(model(X_test).argmax(1) == y_test).float().mean().item():.3f}")

plt.plot(range(1, len(history) + 1), train_history, label="training loss")
plt.plot(range(1, len(history) + 1), history, label="validation loss")
plt.axvline(best_epoch + 1, color="gray", linestyle="--", label=f"best epoch ({best_epoch + 1})")
plt.xlabel("epoch")
plt.ylabel("loss (log scale)")
plt.yscale("log")
plt.legend()
plt.show()
