# %% Settings
import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

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
t = tf.constant  # a TensorFlow tensor

# %% Multi-head attention by hand: project, split heads, attend, concatenate
def split(z, n):  # (B, L, d) -> (B, L, h*k) -> (B, L, h, k) -> (B, h, L, k)
    z = z @ tf.reshape(W[n], (d, h * k)) + tf.reshape(b[n], (h * k,))
    return tf.transpose(tf.reshape(z, (*z.shape[:2], h, k)), (0, 2, 1, 3))
def by_hand(x, m, allowed=None):
    q, key, v = split(t(x), "q"), split(t(m), "k"), split(t(m), "v")
    scores = q @ tf.transpose(key, (0, 1, 3, 2)) / np.sqrt(k)  # (B, h, T, S)
    if allowed is not None:
        scores = tf.where(allowed[:, None], scores, -np.inf)
    weights = tf.nn.softmax(scores, axis=-1)
    heads = weights @ v  # (B, h, T, k)
    concat = tf.reshape(tf.transpose(heads, (0, 2, 1, 3)), (*x.shape[:2], -1))
    return concat @ tf.reshape(W_o, (h * k, d)) + b_o, weights, heads
out, weights, heads = by_hand(x, m)
print("shapes: q", tuple(split(t(x), "q").shape), "scores", tuple(
    weights.shape), "heads", tuple(heads.shape), "out", tuple(out.shape))

# %% Heads one at a time, concatenated, equal the reshaped version
def head(z, n, i):  # head i uses slice i of each projection: (B, L, k)
    return t(z) @ W[n][:, i] + b[n][i]
per_head = []
for i in range(h):
    s_i = head(x, "q", i) @ tf.transpose(head(m, "k", i), (0, 2, 1))
    s_i = s_i / np.sqrt(k)
    per_head.append(tf.nn.softmax(s_i, axis=-1) @ head(m, "v", i))
concat = tf.concat(per_head, axis=-1)  # (B, T, h*k): head 0 first
gap = concat - tf.reshape(tf.transpose(heads, (0, 2, 1, 3)), concat.shape)
print(f"loop over heads + concat vs reshape, max |diff|: "
      f"{np.abs(gap).max():.1e}")

# %% Copy the weights into the built-in layer
mha = keras.layers.MultiHeadAttention(num_heads=h, key_dim=k)
mha(x, m)  # builds it; the arguments are (query, value), and key = value
mha.set_weights([W["q"], b["q"], W["k"], b["k"], W["v"], b["v"], W_o, b_o])
print("copied into:", [w.path.split("/")[-2] for w in mha.weights][::2])

# %% The built-in against the hand version
builtin, w_builtin = mha(x, m, return_attention_scores=True)
print("output, example 0, query 0, first 4:",
      " ".join(f"{o:.4f}" for o in builtin[0, 0, :4]))
gap = np.abs(builtin - out).max()
print(f"output, max |hand - built-in|: {gap:.1e}, "
      f"within tolerance: {bool(gap < TOLERANCE)}")
print(f"weights, max |hand - built-in|: "
      f"{np.abs(w_builtin - weights).max():.1e}")

# %% A padding mask: each framework's convention
valid = tf.range(KEYS) < tf.constant(LENGTHS)[:, None]  # (B, S)
allowed = valid[:, None, :]  # (B, 1, S): the same for every query
out_m = by_hand(x, m, allowed)[0]
# attention_mask (B, T, S): True marks a key to ATTEND to
masked, w_masked = mha(x, m, attention_mask=tf.broadcast_to(
    allowed, (BATCH, QUERIES, KEYS)), return_attention_scores=True)
print(f"masked, max |hand - built-in|: {np.abs(masked - out_m).max():.1e}")
print(f"masked keys, largest built-in weight: "
      f"{np.max(w_masked[1, :, :, LENGTHS[1]:]):.1f}")

# %% Figure
fig, axes = plt.subplots(1, h, figsize=(10, 3), layout="constrained")
for i, ax in enumerate(axes):  # example 1: its last 2 keys are padding
    ax.imshow(w_masked[1, i].numpy(), vmin=0, vmax=1, cmap="viridis")
    ax.set(title=f"head {i}", xlabel="key", ylabel="query")
fig.suptitle("TensorFlow: the 4 heads' weights for example 1 (keys 4-5 padded)")
plt.show()
