# %% Settings
import warnings

import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

SEED = 0
NUM_EXAMPLES = 1000
TRUE_W = [2.0, -3.4]
TRUE_B = 4.2
NOISE = 0.01  # standard deviation of the Gaussian noise
LEARNING_RATE = 0.03
BATCH_SIZE = 10
EPOCHS = 3
torch.manual_seed(SEED)  # the DataLoader's shuffling
print("examples:", NUM_EXAMPLES, "noise:", NOISE)
print("learning rate:", LEARNING_RATE)
print("batch size:", BATCH_SIZE, "epochs:", EPOCHS)

# %% The same synthetic data as day 3
rng = np.random.default_rng(SEED)
X = rng.normal(size=(NUM_EXAMPLES, 2)).astype(np.float32)
noise = rng.normal(scale=NOISE, size=NUM_EXAMPLES)
y = (X @ np.array(TRUE_W) + TRUE_B + noise).astype(np.float32)
y = y.reshape(-1, 1)  # targets of shape (n, 1), like the layer's output
print("true w:", TRUE_W, "true b:", TRUE_B)

# %% A built-in layer
net = nn.Sequential(nn.Linear(2, 1))
layer = net[0]
print("weight shape (out, in):", tuple(layer.weight.shape))
# Overwrite the random start with day 3's, to compare like with like.
w0 = rng.normal(scale=0.01, size=(2, 1)).astype(np.float32)
with torch.no_grad():
    layer.weight.copy_(torch.from_numpy(w0).T)  # (in, out) -> (out, in)
    layer.bias.zero_()

# %% Loss and optimizer
loss_fn = nn.MSELoss()
optimizer = torch.optim.SGD(net.parameters(), lr=LEARNING_RATE)
X_all, y_all = torch.from_numpy(X), torch.from_numpy(y)
with torch.no_grad():
    print(f"loss before training: {loss_fn(net(X_all), y_all).item():.3e}")

# %% Training
# The DataLoader shuffles and batches; the loop is ours.
data = TensorDataset(X_all, y_all)
loader = DataLoader(data, batch_size=BATCH_SIZE, shuffle=True)
for epoch in range(EPOCHS):
    batch_losses = []
    for X_batch, y_batch in loader:
        optimizer.zero_grad()
        loss = loss_fn(net(X_batch), y_batch)
        loss.backward()
        optimizer.step()
        batch_losses.append(loss.item())
    print(f"epoch {epoch + 1}: mean minibatch loss {np.mean(batch_losses):.3e}")

# %% Results
w, b = layer.weight.detach().numpy().ravel(), layer.bias.item()
print("learned w:", [round(float(v), 4) for v in w])
print("learned b:", round(b, 4))
print("error in w:", round(float(np.max(np.abs(w - TRUE_W))), 4))
print("error in b:", round(abs(b - TRUE_B), 4))

# %% Pitfall: targets of shape (n,)
# Predictions equal to four targets: the right loss is 0.
pred, y_col, y_flat = y_all[:4], y_all[:4], y_all[:4, 0]  # (4, 1), (4, 1), (4,)
with warnings.catch_warnings(record=True) as caught, torch.no_grad():
    warnings.simplefilter("always")
    print(f"loss, targets (4, 1): {loss_fn(pred, y_col).item():.4f}")
    print(f"loss, targets (4,): {loss_fn(pred, y_flat).item():.4f}")
    # the same on all the data, with the trained model
    flat_loss = loss_fn(net(X_all), y_all[:, 0]).item()
    print(f"trained model, targets (n,): {flat_loss:.3e}")
print("warnings:", len(caught), caught[0].category.__name__)
print("warning says:", str(caught[0].message).split(". ")[1])

# "always" above shows every warning; Python's default filter shows a
# warning once per code location, so repeated calls print it once.
with warnings.catch_warnings(record=True) as caught, torch.no_grad():
    warnings.simplefilter("default")
    for _ in range(5):
        loss_fn(pred, y_flat)
print("warnings from 5 calls, default filter:", len(caught))

# %% Pitfall: default initialisations differ
# A fresh 100 x 100 layer: uniform, bound 1 / sqrt(100), for weight and bias.
wide = nn.Linear(100, 100)
largest = wide.weight.abs().max().item()
print(f"default init, 100 x 100: max |w| {largest:.3f}")
print("default bias all zero:", bool((wide.bias == 0).all()))
