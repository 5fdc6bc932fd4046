# %% Settings
import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

DATA_SEED = 0  # queries, keys, values and the additive weights
BATCH = 2
QUERIES = 3  # query positions
KEYS = 5  # key (and value) positions
DIM = 8  # size of each query and key vector
VALUE_DIM = 4  # size of each value vector
HIDDEN = 6  # hidden size of the additive score
TOLERANCE = 1e-5  # max abs difference allowed, float32
for name in ["DATA_SEED", "BATCH", "QUERIES", "KEYS", "DIM", "VALUE_DIM",
             "HIDDEN", "TOLERANCE"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% The same data in both twins, drawn with NumPy
rng = np.random.default_rng(DATA_SEED)
def draw(*shape):
    return torch.tensor(rng.standard_normal(shape), dtype=torch.float32)
q, k, v = draw(BATCH, QUERIES, DIM), draw(BATCH, KEYS, DIM), draw(
    BATCH, KEYS, VALUE_DIM)
W_q, W_k, w_v = draw(DIM, HIDDEN), draw(DIM, HIDDEN), draw(HIDDEN)
def show(name, weights):  # the first example's (QUERIES, KEYS) weights
    print(f"{name} weights, example 0 (rows: queries, sum to 1):")
    for row in np.asarray(weights)[0]:
        print("  " + " ".join(f"{w:.3f}" for w in row))

# %% Additive (Bahdanau) scoring by hand: a(q, k) = w_v . tanh(q W_q + k W_k)
hidden = torch.tanh(q[:, :, None, :] @ W_q + k[:, None, :, :] @ W_k)
additive_scores = (hidden * w_v).sum(dim=-1)  # (B, QUERIES, KEYS)
additive = torch.softmax(additive_scores, dim=-1)
show("additive", additive)
additive_out = additive @ v  # weighted average of the values
print("additive output shape:", tuple(additive_out.shape))

# %% The additive score, one (query, key) pair at a time
qn, kn = q.numpy(), k.numpy()  # plain NumPy arrays
Wqn, Wkn, wvn = W_q.numpy(), W_k.numpy(), w_v.numpy()
loop = np.array([[[np.tanh(qn[b, i] @ Wqn + kn[b, j] @ Wkn) @ wvn
                   for j in range(KEYS)] for i in range(QUERIES)]
                 for b in range(BATCH)])
print(f"additive, max |broadcast - pair loop|: "
      f"{np.abs(loop - additive_scores.numpy()).max():.1e}")

# %% A built-in additive layer
# torch.nn has none: its only attention layer is the multi-head one
print("attention layers in torch.nn:",
      [name for name in dir(nn) if "Attention" in name])

# %% Scaled dot-product scoring by hand: a(q, k) = q . k / sqrt(d)
dot_scores = q @ k.transpose(1, 2) / np.sqrt(DIM)
dot = torch.softmax(dot_scores, dim=-1)
show("scaled dot-product", dot)
dot_out = dot @ v
unscaled_out = torch.softmax(dot_scores * np.sqrt(DIM), dim=-1) @ v

# %% What the built-in dot-product layer computes
def gaps(out):  # distance to the scaled and to the unscaled hand version
    return (f"scaled {(out - dot_out).abs().max():.1e}, "
            f"unscaled {(out - unscaled_out).abs().max():.1e}")
print("torch scaled_dot_product_attention, max |built-in - hand|:")
print("  default scale:", gaps(F.scaled_dot_product_attention(q, k, v)))
unscaled = F.scaled_dot_product_attention(
    q, k, v, scale=1.0)  # twins differ: Keras's Attention has no scale arg
print("  scale=1.0:", gaps(unscaled))
gap = (F.scaled_dot_product_attention(q, k, v) - dot_out).abs().max()
print(f"default scale, max |hand - built-in|: {gap:.1e}, "
      f"within tolerance: {bool(gap < TOLERANCE)}")
