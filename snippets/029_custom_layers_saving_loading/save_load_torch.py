import os
import tempfile

import numpy as np
import torch
from torch import nn

torch.manual_seed(0)
rng = np.random.default_rng(0)
X = torch.tensor(rng.normal(size=(64, 4)), dtype=torch.float32)
y = X @ torch.tensor(rng.normal(size=(4, 1)), dtype=torch.float32)


class MyDense(nn.Module):
    """A dense layer with ReLU, written by hand."""

    def __init__(self, in_units, units):
        super().__init__()
        self.weight = nn.Parameter(nn.init.xavier_uniform_(torch.empty(in_units, units)))
        self.bias = nn.Parameter(torch.zeros(units))

    def forward(self, x):
        return torch.relu(x @ self.weight + self.bias)


def make():  # the architecture lives in code: a state_dict holds only tensors
    return nn.Sequential(MyDense(4, 16), nn.Linear(16, 1))


model = make()
optimizer = torch.optim.Adam(model.parameters(), 0.01)


def loss_fn(model):
    return ((model(X) - y) ** 2).mean()


def train_step(model, optimizer):
    loss = loss_fn(model)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()


for _ in range(20):
    train_step(model, optimizer)

print(f"loss at the checkpoint: {loss_fn(model).item():.4f}")

# Checkpoint: the weights and the optimizer state, as tensors in one file.
path = os.path.join(tempfile.mkdtemp(), "checkpoint.pt")
torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict()}, path)
print("saved:", os.path.basename(path), "holding", sorted(model.state_dict()), "and the optimizer state")
checkpoint = torch.load(path)
restored = make()
restored.load_state_dict(checkpoint["model"])
restored_optimizer = torch.optim.Adam(restored.parameters(), 0.01)
restored_optimizer.load_state_dict(checkpoint["optimizer"])
print("restored layer types:", [type(layer).__name__ for layer in restored])
with torch.no_grad():
    print("max |difference| in predictions:", float((model(X) - restored(X)).abs().max()))

# Resume: ten more steps on the original and on the restored copy end in the same place.
for _ in range(10):
    train_step(model, optimizer)
    train_step(restored, restored_optimizer)
with torch.no_grad():
    print("max |difference| after resuming:", float((model(X) - restored(X)).abs().max()))
    print(f"loss after resuming: {loss_fn(model).item():.4f}")
