# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn.functional as F

DATA_SEED = 0
BATCH = 2
STEPS = 5  # positions per sequence (queries, keys and values)
DIM = 8
LENGTHS = (5, 3)  # real tokens per example; the rest is padding
TOLERANCE = 1e-5  # max abs difference allowed, float32
OVERWRITE = 1000.0  # written into positions that must not matter
for name in ["DATA_SEED", "BATCH", "STEPS", "DIM", "LENGTHS", "TOLERANCE",
             "OVERWRITE"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
rng = np.random.default_rng(DATA_SEED)
q, k, v = (torch.tensor(rng.standard_normal((BATCH, STEPS, DIM)),
                        dtype=torch.float32) for _ in range(3))

# %% Two masks: padding (which keys are real) and causal (no future keys)
valid = torch.arange(STEPS) < torch.tensor(LENGTHS)[:, None]  # (B, STEPS)
causal = torch.ones(STEPS, STEPS).tril().bool()  # key j <= query i
allowed = valid[:, None, :] & causal  # (B, queries, keys)
print("allowed, example 1 (rows: queries, 1 = may attend):")
for row in allowed[1].int():
    print("  " + " ".join(str(int(a)) for a in row))

# %% Masked softmax by hand: a masked score becomes -inf before softmax
scores = q @ k.transpose(1, 2) / np.sqrt(DIM)
def attend(mask):
    weights = torch.softmax(scores.masked_fill(~mask, -np.inf), dim=-1)
    return weights, weights @ v
padded, _ = attend(valid[:, None, :])  # the mask broadcasts over queries
weights, out = attend(allowed)
print("weights, example 1, padding + causal mask:")
for row in weights[1]:
    print("  " + " ".join(f"{w:.3f}" for w in row))
print(f"largest weight on a masked key: {weights[~allowed].max():.1f}, "
      f"all exactly 0: {bool((weights[~allowed] == 0).all())}")
print(f"max |row sum - 1|: {(weights.sum(-1) - 1).abs().max():.1e}")

# %% The built-in with the same masks
builtin = F.scaled_dot_product_attention(q, k, v, attn_mask=allowed)
gap = (builtin - out).abs().max()
print(f"padding + causal, max |hand - built-in|: {gap:.1e}, "
      f"within tolerance: {bool(gap < TOLERANCE)}")
causal_only = F.scaled_dot_product_attention(q, k, v, is_causal=True)
gap = (causal_only - attend(causal)[1]).abs().max()
print(f"causal only, max |hand - built-in|: {gap:.1e}")

# %% Padded keys and values cannot leak into the output
k2, v2 = k.clone(), v.clone()
k2[~valid], v2[~valid] = OVERWRITE, OVERWRITE  # overwrite every padded position
changed = F.scaled_dot_product_attention(q, k2, v2, attn_mask=allowed)
print(f"padded keys and values overwritten, output change: "
      f"{(changed - builtin).abs().max():.1e}")
k2, v2 = k.clone(), v.clone()
k2[:, -1], v2[:, -1] = OVERWRITE, OVERWRITE  # the last position: the future
change = (F.scaled_dot_product_attention(q, k2, v2, attn_mask=allowed)
          - builtin).abs().amax(dim=(0, 2))  # per query position
print("last k, v overwritten, change by query:",
      " ".join(f"{c:.1e}" for c in change))

# %% Two wrong ways to mask
zeroed = torch.softmax(scores * allowed, dim=-1)  # masked scores set to 0
print(f"scores set to 0 instead of -inf, weight on masked keys, "
      f"largest row: {(zeroed * ~allowed).sum(-1).max():.3f}")
after = torch.softmax(scores, dim=-1) * allowed  # mask after softmax
print(f"mask applied after softmax, smallest row sum: "
      f"{after.sum(-1).min():.3f}")

# %% A query with no allowed key: left padding plus the causal mask
left = torch.arange(STEPS) >= STEPS - torch.tensor(LENGTHS)[:, None]
none_allowed = left[:, None, :] & causal  # example 1, queries 0 and 1
row = none_allowed[1, 0]
print("left-padded example 1, keys query 0 may see:", row.int().tolist())
w_hand = attend(none_allowed)[0][1, 0].tolist()
print("by hand (-inf), query 0 weights:", [round(w, 3) for w in w_hand])
out_row = F.scaled_dot_product_attention(q, k, v, attn_mask=none_allowed)
print("built-in, query 0 output, first 3 of 8:",
      [round(o, 3) for o in out_row[1, 0, :3].tolist()])
mha = torch.nn.MultiheadAttention(DIM, 1, batch_first=True)  # one head
with torch.no_grad():  # its boolean attn_mask: True = IGNORE
    out_mha = mha(q, k, v, attn_mask=~none_allowed)[0]
print("built-in, nn.MultiheadAttention, query 0, first 3:",
      out_mha[1, 0, :3].tolist())

# %% Figure
fig, axes = plt.subplots(1, 2, figsize=(8, 4), layout="constrained")
for ax, w, t in zip(axes, (padded, weights), ("padding", "padding + causal")):
    ax.imshow(w[1], vmin=0, vmax=1, cmap="viridis")  # dark 0, yellow 1
    ax.set(xlabel="key", ylabel="query", title=f"{t} mask")
fig.suptitle("PyTorch: attention weights of example 1 (length 3 of 5)")
plt.show()
