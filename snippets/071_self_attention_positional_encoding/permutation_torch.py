# %% Settings
from itertools import permutations

import numpy as np
import torch
from torch import nn

SEQ_LEN = 6  # n: 6! = 720 orders of the positions
D_MODEL = 8
HEADS = 2  # for the built-in layer
DATA_SEED = 0  # inputs and hand-made weights, the same in both twins
SEED = 0  # the built-in layer's own initialisation
TOLERANCE = 1e-5  # max abs difference allowed, float32
for name in ["SEQ_LEN", "D_MODEL", "HEADS", "DATA_SEED", "SEED",
             "TOLERANCE"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Inputs, weights and the sinusoidal encoding of the first snippet
rng = np.random.default_rng(DATA_SEED)
def draw(*shape, scale=1.0):
    return torch.tensor(rng.normal(0, scale, shape), dtype=torch.float32)
X = draw(SEQ_LEN, D_MODEL)
W_q, W_k, W_v = (draw(D_MODEL, D_MODEL, scale=D_MODEL**-0.5)
                 for _ in range(3))
angle = np.arange(SEQ_LEN)[:, None] / 10000 ** (
    np.arange(0, D_MODEL, 2) / D_MODEL)
PE = torch.tensor(np.stack([np.sin(angle), np.cos(angle)], -1).reshape(
    SEQ_LEN, D_MODEL), dtype=torch.float32)  # 2i: sin, 2i+1: cos

def self_attention(X):  # X: (..., n, d), the second snippet's function
    Q, K, V = X @ W_q, X @ W_k, X @ W_v
    scores = Q @ K.transpose(-2, -1) / D_MODEL**0.5
    return torch.softmax(scores, dim=-1) @ V

# %% Without positions: permuting the input permutes the output
perms = torch.tensor(list(permutations(range(SEQ_LEN))))  # (720, n)
@torch.no_grad()
def gaps(f, X):  # per order p: how f(x[p]) differs from f(x)[p] and f(x)
    moved, Y = f(X[perms]), f(X[None])[0]
    equi = (moved - Y[perms]).abs().amax(dim=(1, 2))
    mean = moved.mean(dim=1) - Y.mean(dim=0)
    return equi, mean.abs().amax(dim=1)  # mean over positions

equi, mean = gaps(self_attention, X)
print(f"orders tried: {len(perms)} (the first is the identity)")
print(f"no positions, max |f(x[p]) - f(x)[p]|: {equi.max():.1e}, "
      f"within tolerance: {bool(equi.max() < TOLERANCE)}")
print(f"no positions, max change of the mean over positions: "
      f"{mean.max():.1e}")

# %% With the positional encoding added, order changes the output
equi, mean = (g[1:] for g in gaps(lambda X: self_attention(X + PE), X))
print(f"with positions, max |f(x[p]+PE) - f(x+PE)[p]|, other orders: "
      f"{equi.min():.3f} to {equi.max():.3f}")
print(f"with positions, max change of the mean over positions: "
      f"{mean.min():.3f} to {mean.max():.3f}")

# %% The built-in layer behaves the same way (its own random weights)
torch.manual_seed(SEED)
mha = nn.MultiheadAttention(D_MODEL, HEADS, batch_first=True)
layer = lambda X: mha(X, X, X)[0]  # self-attention: query = key = value
built = gaps(layer, X)[0].max()
print(f"MultiheadAttention, no positions: {built:.1e}, "
      f"within tolerance: {bool(built < TOLERANCE)}")
built = gaps(lambda X: layer(X + PE), X)[0][1:].min()
print(f"MultiheadAttention, with positions, other orders: from {built:.3f}")
