# %% Settings and data
import numpy as np
import torch
from torch import nn

SEED = 0
N_IN = 3  # the net 3 -> 4 -> 4 -> 4 -> 1, the middle two layers tied
WIDTH = 4
BATCH = 8
SCALE = 0.5  # of the NumPy weights copied in
BIAS = 0.1
for name in ["SEED", "N_IN", "WIDTH", "BATCH", "SCALE", "BIAS"]:
    print(f"{name}: {globals()[name]}")
np.set_printoptions(precision=5, suppress=True)
rng = np.random.default_rng(SEED)
X = torch.tensor(rng.normal(size=(BATCH, N_IN)), dtype=torch.float32)
y = torch.tensor(rng.normal(size=(BATCH, 1)), dtype=torch.float32)
W0 = rng.normal(size=(N_IN, WIDTH)) * SCALE
Ws = rng.normal(size=(WIDTH, WIDTH)) * SCALE  # the tied (shared) matrix
Wo = rng.normal(size=(WIDTH, 1)) * SCALE
b0, bs, bo = np.full(WIDTH, BIAS), np.full(WIDTH, BIAS), np.zeros(1)


# %% A net whose middle layers are whatever objects we pass in
@torch.no_grad()
def set_weights(layer, W, b):  # PyTorch stores (outputs, inputs): W.T
    layer.weight.copy_(torch.tensor(W.T)), layer.bias.copy_(torch.tensor(b))


def build(second, third):
    first = nn.Linear(N_IN, WIDTH)
    net = nn.Sequential(first, nn.ReLU(), second, nn.ReLU(), third, nn.ReLU(),
                        nn.Linear(WIDTH, 1))
    set_weights(net[0], W0, b0)
    set_weights(net[-1], Wo, bo)
    return net


# %% Tied: one layer object used twice
shared = nn.Linear(WIDTH, WIDTH)
net = build(shared, shared)
set_weights(shared, Ws, bs)
print("middle layers are one object:", net[2] is net[4])
print("parameters:", sum(p.numel() for p in net.parameters()))

# %% The tied weight's gradient
loss = ((net(X) - y) ** 2).mean()
loss.backward()
grad = shared.weight.grad.T
print(f"loss: {loss.item():.6f}")
print("gradient of the tied weight (inputs x outputs):")
print(grad.numpy())

# %% Untied: two layers that start from the same values
one, two = [nn.Linear(WIDTH, WIDTH) for _ in "12"]
untied = build(one, two)
set_weights(one, Ws, bs)
set_weights(two, Ws, bs)
print("untied parameters:", sum(p.numel() for p in untied.parameters()))
((untied(X) - y) ** 2).mean().backward()
g1, g2 = one.weight.grad.T, two.weight.grad.T
print("max |tied - (first use + second use)|:",
      float((grad - (g1 + g2)).abs().max()))
for name, g in [("first", g1), ("second", g2)]:
    print(f"max |tied - {name} use alone|: "
          f"{float((grad - g).abs().max()):.5f}")
