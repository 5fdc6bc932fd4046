import numpy as np
import torch
from torch import nn

np.set_printoptions(precision=5, suppress=True)
rng = np.random.default_rng(0)
X = torch.tensor(rng.normal(size=(8, 3)), dtype=torch.float32)
y = torch.tensor(rng.normal(size=(8, 1)), dtype=torch.float32)
W0, Ws, Wo = rng.normal(size=(3, 4)) * 0.5, rng.normal(size=(4, 4)) * 0.5, rng.normal(size=(4, 1)) * 0.5
b0, bs, bo = np.full(4, 0.1), np.full(4, 0.1), np.zeros(1)


def set_weights(layer, W, b):
    """Copy NumPy weights in; PyTorch stores the matrix as (outputs, inputs), hence W.T."""
    with torch.no_grad():
        layer.weight.copy_(torch.tensor(W.T)), layer.bias.copy_(torch.tensor(b))


def build(second, third):
    """3 -> 4 -> 4 -> 4 -> 1; the two middle layers are whatever objects we pass in."""
    net = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), second, nn.ReLU(), third, nn.ReLU(), nn.Linear(4, 1))
    set_weights(net[0], W0, b0)
    set_weights(net[-1], Wo, bo)
    return net


shared = nn.Linear(4, 4)
net = build(shared, shared)  # one layer object used twice: tied parameters
set_weights(shared, Ws, bs)
print("middle layers are one object:", net[2] is net[4])
print("parameters:", sum(p.numel() for p in net.parameters()))

loss = ((net(X) - y) ** 2).mean()
loss.backward()
grad = shared.weight.grad.T
print(f"loss: {loss.item():.6f}")
print("gradient of the tied weight (inputs x outputs):")
print(grad.numpy())

# The same network untied: two separate layers that start from the same values.
first, second = nn.Linear(4, 4), nn.Linear(4, 4)
untied = build(first, second)
set_weights(first, Ws, bs)
set_weights(second, Ws, bs)
print("untied parameters:", sum(p.numel() for p in untied.parameters()))
loss = ((untied(X) - y) ** 2).mean()
loss.backward()
g1, g2 = first.weight.grad.T, second.weight.grad.T
print("max |tied gradient - (first use + second use)|:", float((grad - (g1 + g2)).abs().max()))
