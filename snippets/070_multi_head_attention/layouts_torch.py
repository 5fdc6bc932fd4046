# %% Settings
import inspect

import numpy as np
import torch
from torch import nn

SEED = 0
DATA_SEED = 0
BATCH = 2
STEPS = 6
D_MODEL = 16  # d
HEADS = 4  # h
KEY_DIM = 4  # k = d / h
LENGTHS = (6, 4)  # real positions per example
for name in ["SEED", "DATA_SEED", "BATCH", "STEPS", "D_MODEL", "HEADS",
             "KEY_DIM", "LENGTHS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
torch.manual_seed(SEED)
x = torch.tensor(np.random.default_rng(DATA_SEED).normal(
    size=(BATCH, STEPS, D_MODEL)), dtype=torch.float32)

# %% The built-in layer and the shapes of its weights
mha = nn.MultiheadAttention(D_MODEL, HEADS, batch_first=True)
for name, w in mha.named_parameters():
    print(f"{name}: {tuple(w.shape)}")
print("size per head:", mha.head_dim)

# %% The parameter count, from the formula
def count(d, h, k):  # q, k, v: d*(h*k) weights + h*k biases; out: h*k*d + d
    return 3 * (d * h * k + h * k) + h * k * d + d
d, h, k = D_MODEL, HEADS, KEY_DIM
print("parameters, built-in:", sum(w.numel() for w in mha.parameters()))
print("parameters, 3(dhk + hk) + hkd + d:", count(d, h, k))
print("parameters, 4d^2 + 4d (h*k = d):", 4 * d * d + 4 * d)
print("parameters, base Transformer (d 512, h 8, k 64):", count(512, 8, 64))

# %% Head sizes: does the layer allow h*k != d?
try:  # PyTorch: k is always d / h, so h must divide d
    nn.MultiheadAttention(D_MODEL, 3)
except AssertionError as error:
    print("3 heads on d = 16:", error)
args = inspect.signature(nn.MultiheadAttention).parameters
has_k = "head_dim" in args or "key_dim" in args
print(f"4 heads of size 8: an argument for k: {has_k}, k = d / h = "
      f"{mha.head_dim}")

# %% Call conventions: layout of the input, weights returned
valid = torch.arange(STEPS) < torch.tensor(LENGTHS)[:, None]  # True = real
print("batch_first by default:", nn.MultiheadAttention(d, h).batch_first)
with torch.no_grad():
    _, w = mha(x, x, x)
    print("returns weights by default:", w is not None, tuple(w.shape),
          "(mean of heads)")
    _, w = mha(x, x, x, average_attn_weights=False)
    print("with average_attn_weights=False:", tuple(w.shape))
    plain = nn.MultiheadAttention(d, h)  # batch_first=False, same weights
    plain.load_state_dict(mha.state_dict())
    gap = (plain(x, x, x)[0] - mha(x, x, x)[0]).abs().max()
print(f"(B, L, d) input, batch_first False vs True, max |diff|: {gap:.2f}")

# %% Mask conventions
with torch.no_grad():
    for name, mask in [("padding", ~valid), ("real", valid)]:
        _, w = mha(x, x, x, key_padding_mask=mask)
        print(f"key_padding_mask True at {name} keys, weight on padded "
              f"keys: {w[1, :, LENGTHS[1]:].sum(-1).max():.3f}")  # example 1
    future = torch.ones(STEPS, STEPS).triu(1).bool()  # True above diagonal
    _, w = mha(x, x, x, attn_mask=future)
    print(f"attn_mask True at future keys, weight on them: "
          f"{(w * future).sum(-1).max():.3f}")

# %% A weight in the other framework's layout
with torch.no_grad():  # the same weights, each block left untransposed
    bad = nn.MultiheadAttention(d, h, batch_first=True)
    bad.load_state_dict(mha.state_dict())
    for w in (bad.in_proj_weight, bad.out_proj.weight):  # (d, d) blocks
        w.copy_(w.reshape(-1, d, d).transpose(1, 2).reshape(w.shape).clone())
    gap = (bad(x, x, x)[0] - mha(x, x, x)[0]).abs().max()
print(f"weights without the transpose: accepted, max |diff|: {gap:.2f}")
