# %% Settings
import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

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
q, k, v = tf.constant(rng.standard_normal((3, BATCH, STEPS, DIM)), tf.float32)

# %% Two masks: padding (which keys are real) and causal (no future keys)
valid = tf.range(STEPS) < tf.constant(LENGTHS)[:, None]  # (B, STEPS)
causal = tf.linalg.band_part(tf.ones((STEPS, STEPS)), -1, 0) > 0  # j <= i
allowed = valid[:, None, :] & causal  # (B, queries, keys)
print("allowed, example 1 (rows: queries, 1 = may attend):")
for row in tf.cast(allowed[1], tf.int32).numpy():
    print("  " + " ".join(str(int(a)) for a in row))

# %% Masked softmax by hand: a masked score becomes -inf before softmax
scores = q @ tf.transpose(k, [0, 2, 1]) / np.sqrt(DIM)
def attend(mask):
    weights = tf.nn.softmax(tf.where(mask, scores, -np.inf), axis=-1)
    return weights, weights @ v
padded, _ = attend(valid[:, None, :])  # the mask broadcasts over queries
weights, out = attend(allowed)
print("weights, example 1, padding + causal mask:")
for row in weights[1].numpy():
    print("  " + " ".join(f"{w:.3f}" for w in row))
print(f"largest weight on a masked key: {np.max(weights[~allowed]):.1f}, "
      f"all exactly 0: {bool(np.all(weights[~allowed] == 0))}")
print(f"max |row sum - 1|: {np.abs(np.sum(weights, -1) - 1).max():.1e}")

# %% The built-in with the same masks
layer = keras.layers.Attention(use_scale=True)  # a scalar, set to 1/sqrt(d)
layer([q, v, k])
layer.scale.assign(1 / np.sqrt(DIM))
builtin, w_builtin = layer([q, v, k], mask=[None, valid], use_causal_mask=True,
                           return_attention_scores=True)
gap = np.abs(builtin - out).max()
print(f"padding + causal, max |hand - built-in|: {gap:.1e}, "
      f"within tolerance: {bool(gap < TOLERANCE)}")
print("built-in weights, largest on a masked key:", np.max(w_builtin[~allowed]))
gap = np.abs(layer([q, v, k], use_causal_mask=True) - attend(causal)[1])
print(f"causal only, max |hand - built-in|: {gap.max():.1e}")

# %% Padded keys and values cannot leak into the output
k2, v2 = (tf.where(valid[:, :, None], x, OVERWRITE) for x in (k, v))
changed = layer([q, v2, k2], mask=[None, valid], use_causal_mask=True)
print(f"padded keys and values overwritten, output change: "
      f"{np.abs(changed - builtin).max():.1e}")
past = tf.range(STEPS)[None, :, None] < STEPS - 1  # all but the last
k2, v2 = (tf.where(past, x, OVERWRITE) for x in (k, v))
change = np.abs(layer([q, v2, k2], mask=[None, valid], use_causal_mask=True)
                - builtin).max(axis=(0, 2))  # per query position
print("last k, v overwritten, change by query:",
      " ".join(f"{c:.1e}" for c in change))

# %% Two wrong ways to mask
keep = tf.cast(allowed, tf.float32)
zeroed = tf.nn.softmax(scores * keep, axis=-1)  # masked scores set to 0
leak = tf.reduce_max(tf.reduce_sum(zeroed * (1 - keep), -1))
print(f"scores set to 0 instead of -inf, weight on masked keys, "
      f"largest row: {leak:.3f}")
after = tf.nn.softmax(scores, axis=-1) * keep  # mask after softmax
print(f"mask applied after softmax, smallest row sum: "
      f"{tf.reduce_min(tf.reduce_sum(after, -1)):.3f}")

# %% A query with no allowed key: left padding plus the causal mask
left = tf.range(STEPS) >= STEPS - tf.constant(LENGTHS)[:, None]
none_allowed = left[:, None, :] & causal  # example 1, queries 0 and 1
row = none_allowed[1, 0].numpy().astype(int).tolist()
print("left-padded example 1, keys query 0 may see:", row)
w_hand = attend(none_allowed)[0][1, 0].numpy().tolist()
print("by hand (-inf), query 0 weights:", [round(w, 3) for w in w_hand])
out_row, w_row = layer([q, v, k], mask=[None, left], use_causal_mask=True,
                       return_attention_scores=True)
print("built-in, query 0 output, first 3 of 8:",
      [round(o, 3) for o in out_row[1, 0, :3].numpy().tolist()])
print("built-in, query 0 weights:",  # twins differ: only Keras returns them
      [round(w, 3) for w in w_row[1, 0].numpy().tolist()])
gap = np.spacing(np.float32(1e9))  # twins differ: Keras's mask constant
print(f"built-in, float32 spacing at 1e9: {gap:.0f}, largest |score|: "
      f"{np.abs(scores[1, 0]).max():.1f}")

# %% Figure
fig, axes = plt.subplots(1, 2, figsize=(8, 4), layout="constrained")
for ax, w, t in zip(axes, (padded, weights), ("padding", "padding + causal")):
    ax.imshow(w[1], vmin=0, vmax=1, cmap="viridis")  # dark 0, yellow 1
    ax.set(xlabel="key", ylabel="query", title=f"{t} mask")
fig.suptitle("TensorFlow: attention weights of example 1 (length 3 of 5)")
plt.show()
