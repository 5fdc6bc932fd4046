# %% Settings
import copy

import matplotlib.pyplot as plt
import numpy as np
import torch
from sklearn.datasets import load_digits
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

SEED = 0
N_TRAIN, N_VAL = 300, 500  # the rest (997 digits) is the test set
HIDDEN = 256
LEARNING_RATE = 0.01
BATCH_SIZE = 50
MAX_EPOCHS = 200
PATIENCE = 10
names = "SEED N_TRAIN N_VAL HIDDEN LEARNING_RATE BATCH_SIZE MAX_EPOCHS PATIENCE"
for name in names.split():
    print(f"{name}: {globals()[name]}")

# %% Data
torch.manual_seed(SEED)
X, y = load_digits(return_X_y=True)
X = torch.tensor(X / 16.0, dtype=torch.float32)
y = torch.tensor(y)
order = np.random.default_rng(SEED).permutation(len(X))
train, val = order[:N_TRAIN], order[N_TRAIN : N_TRAIN + N_VAL]
test = order[N_TRAIN + N_VAL :]  # never used for a decision
print(f"train, validation, test: {len(train)}, {len(val)}, {len(test)}")
loader = DataLoader(
    TensorDataset(X[train], y[train]), batch_size=BATCH_SIZE, shuffle=True
)

# %% Model
model = nn.Sequential(nn.Linear(64, HIDDEN), nn.ReLU(), nn.Linear(HIDDEN, 10))

# %% Optimizer and loss
opt = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
loss_fn = nn.CrossEntropyLoss()


def train_epoch():  # returns the mean loss over the epoch's minibatches
    losses = []
    for xb, yb in loader:
        opt.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return np.mean(losses)


def val_loss():
    with torch.no_grad():
        return loss_fn(model(X[val]), y[val]).item()


# %% Training with early stopping
train_history, history, best, wait = [], [], float("inf"), 0
for epoch in range(1, MAX_EPOCHS + 1):
    train_history.append(train_epoch())
    history.append(val_loss())
    if history[-1] < best:  # improvement: keep a copy of the weights
        best, best_epoch, wait = history[-1], epoch, 0
        best_state = copy.deepcopy(model.state_dict())
    else:
        wait += 1
        if wait >= PATIENCE:
            break

# %% Results
print(f"epochs run: {len(history)} of {MAX_EPOCHS}")
print(f"best epoch: {best_epoch}, val loss there: {best:.6f}")
print(f"val loss at the last epoch: {history[-1]:.6f}")
model.load_state_dict(best_state)
print(f"val loss after restoring the best weights: {val_loss():.6f}")
with torch.no_grad():
    accuracy = (model(X[test]).argmax(1) == y[test]).float().mean()
print(f"test accuracy of the restored model: {accuracy:.3f}")

# %% A saved state: copy or reference?
saved = model.state_dict()  # references to the live tensors
with torch.no_grad():
    model[0].bias.add_(1)  # a later update
follows = torch.equal(saved["0.bias"], model[0].bias)
print(f"the saved state follows a later update: {follows}")
model.load_state_dict(best_state)  # the deepcopy did not follow it
print(f"after loading the deepcopy, val loss: {val_loss():.6f}")

# %% Figure
epochs = range(1, len(history) + 1)
fig, ax = plt.subplots()
ax.plot(epochs, train_history, label="training loss")
ax.plot(epochs, history, label="validation loss")
ax.axvline(best_epoch, color="gray", linestyle="--", label="best epoch")
ax.set(xlabel="epoch", ylabel="loss (log scale)", yscale="log")
ax.set_title("Early stopping: validation loss bottoms out, training stops")
ax.legend()
plt.show()
