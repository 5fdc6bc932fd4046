# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn

DATA_SEED = 0  # inputs and weights, drawn with NumPy in both twins
BATCH = 2
QUERIES = 5  # query positions T
KEYS = 6  # key and value positions S
D_MODEL = 16  # d: size of each input and output vector
HEADS = 4  # h
KEY_DIM = 4  # k: size per head, d / h
LENGTHS = (6, 4)  # real keys per example, for the padding mask
TOLERANCE = 1e-5  # max abs difference allowed, float32
for name in ["DATA_SEED", "BATCH", "QUERIES", "KEYS", "D_MODEL", "HEADS",
             "KEY_DIM", "LENGTHS", "TOLERANCE"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% One set of weights, in Keras's layout: kernels (d, h, k) and (h, k, d)
rng = np.random.default_rng(DATA_SEED)
def draw(*shape, scale=1.0):
    return rng.normal(0, scale, shape).astype("float32")
d, h, k = D_MODEL, HEADS, KEY_DIM
W = {n: draw(d, h, k, scale=d**-0.5) for n in "qkv"}  # W[n][:, i] is head i
b = {n: draw(h, k, scale=0.1) for n in "qkv"}
W_o, b_o = draw(h, k, d, scale=d**-0.5), draw(d, scale=0.1)
x, m = draw(BATCH, QUERIES, d), draw(BATCH, KEYS, d)  # queries, memory
t = lambda a: torch.from_numpy(a)  # a torch tensor on the same memory

# %% Multi-head attention by hand: project, split heads, attend, concatenate
def split(z, n):  # (B, L, d) -> (B, L, h*k) -> (B, L, h, k) -> (B, h, L, k)
    z = z @ t(W[n]).reshape(d, h * k) + t(b[n]).reshape(h * k)
    return z.reshape(z.shape[0], z.shape[1], h, k).transpose(1, 2)
def by_hand(x, m, allowed=None):
    q, key, v = split(t(x), "q"), split(t(m), "k"), split(t(m), "v")
    scores = q @ key.transpose(-1, -2) / np.sqrt(k)  # (B, h, T, S)
    if allowed is not None:
        scores = scores.masked_fill(~allowed[:, None], -np.inf)
    weights = torch.softmax(scores, dim=-1)
    heads = weights @ v  # (B, h, T, k)
    concat = heads.transpose(1, 2).reshape(x.shape[0], x.shape[1], h * k)
    return concat @ t(W_o).reshape(h * k, d) + t(b_o), weights, heads
out, weights, heads = by_hand(x, m)
print("shapes: q", tuple(split(t(x), "q").shape), "scores", tuple(
    weights.shape), "heads", tuple(heads.shape), "out", tuple(out.shape))

# %% Heads one at a time, concatenated, equal the reshaped version
def head(z, n, i):  # head i uses slice i of each projection: (B, L, k)
    return t(z) @ t(W[n][:, i]) + t(b[n][i])
per_head = []
for i in range(h):
    s_i = head(x, "q", i) @ head(m, "k", i).transpose(1, 2) / np.sqrt(k)
    per_head.append(torch.softmax(s_i, dim=-1) @ head(m, "v", i))
concat = torch.cat(per_head, dim=-1)  # (B, T, h*k): head 0 first
gap = (concat - heads.transpose(1, 2).reshape(BATCH, QUERIES, h * k))
print(f"loop over heads + concat vs reshape, max |diff|: "
      f"{gap.abs().max():.1e}")

# %% Copy the weights into the built-in layer
mha = nn.MultiheadAttention(d, h, batch_first=True)  # inputs (B, L, d)
with torch.no_grad():  # in_proj_weight = [W_q; W_k; W_v], used as x W^T
    mha.in_proj_weight.copy_(torch.cat(
        [t(W[n]).reshape(d, h * k).T for n in "qkv"]))
    mha.in_proj_bias.copy_(torch.cat([t(b[n]).reshape(h * k) for n in "qkv"]))
    mha.out_proj.weight.copy_(t(W_o).reshape(h * k, d).T)
    mha.out_proj.bias.copy_(t(b_o))
print("copied into:", ", ".join(n for n, _ in mha.named_parameters()))
print("in_proj_weight rows 0-15 = W_q^T, head 0 = rows 0-3:",
      bool((mha.in_proj_weight[:k] == t(W["q"][:, 0]).T).all()))

# %% The built-in against the hand version
with torch.no_grad():
    builtin, w_builtin = mha(t(x), t(m), t(m), average_attn_weights=False)
print("output, example 0, query 0, first 4:",
      " ".join(f"{o:.4f}" for o in builtin[0, 0, :4]))
gap = (builtin - out).abs().max()
print(f"output, max |hand - built-in|: {gap:.1e}, "
      f"within tolerance: {bool(gap < TOLERANCE)}")
print(f"weights, max |hand - built-in|: "
      f"{(w_builtin - weights).abs().max():.1e}")

# %% A padding mask: each framework's convention
valid = torch.arange(KEYS) < torch.tensor(LENGTHS)[:, None]  # (B, S)
allowed = valid[:, None, :]  # (B, 1, S): the same for every query
out_m = by_hand(x, m, allowed)[0]
with torch.no_grad():  # key_padding_mask: True marks a key to IGNORE
    masked, w_masked = mha(t(x), t(m), t(m), key_padding_mask=~valid,
                           average_attn_weights=False)
print(f"masked, max |hand - built-in|: {(masked - out_m).abs().max():.1e}")
print(f"masked keys, largest built-in weight: "
      f"{w_masked[1, :, :, LENGTHS[1]:].max():.1f}")

# %% Figure
fig, axes = plt.subplots(1, h, figsize=(10, 3), layout="constrained")
for i, ax in enumerate(axes):  # example 1: its last 2 keys are padding
    ax.imshow(w_masked[1, i].numpy(), vmin=0, vmax=1, cmap="viridis")
    ax.set(title=f"head {i}", xlabel="key", ylabel="query")
fig.suptitle("PyTorch: the 4 heads' weights for example 1 (keys 4-5 padded)")
plt.show()
