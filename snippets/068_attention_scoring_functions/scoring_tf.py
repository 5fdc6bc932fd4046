# %% Settings
import keras
import numpy as np
import tensorflow as tf

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
    return rng.standard_normal(shape).astype("float32")
q, k, v = draw(BATCH, QUERIES, DIM), draw(BATCH, KEYS, DIM), draw(
    BATCH, KEYS, VALUE_DIM)
W_q, W_k, w_v = draw(DIM, HIDDEN), draw(DIM, HIDDEN), draw(HIDDEN)
q, k, v = tf.constant(q), tf.constant(k), tf.constant(v)
def show(name, weights):  # the first example's (QUERIES, KEYS) weights
    print(f"{name} weights, example 0 (rows: queries, sum to 1):")
    for row in np.asarray(weights)[0]:
        print("  " + " ".join(f"{w:.3f}" for w in row))

# %% Additive (Bahdanau) scoring by hand: a(q, k) = w_v . tanh(q W_q + k W_k)
hidden = tf.tanh(q[:, :, None, :] @ W_q + k[:, None, :, :] @ W_k)
additive_scores = tf.reduce_sum(hidden * w_v, axis=-1)  # (B, QUERIES, KEYS)
additive = tf.nn.softmax(additive_scores, axis=-1)
show("additive", additive)
additive_out = additive @ v  # weighted average of the values
print("additive output shape:", tuple(additive_out.shape))

# %% The additive score, one (query, key) pair at a time
qn, kn = q.numpy(), k.numpy()  # plain NumPy arrays
loop = np.array([[[np.tanh(qn[b, i] @ W_q + kn[b, j] @ W_k) @ w_v
                   for j in range(KEYS)] for i in range(QUERIES)]
                 for b in range(BATCH)])
print(f"additive, max |broadcast - pair loop|: "
      f"{np.abs(loop - additive_scores).max():.1e}")

# %% A built-in additive layer
# Keras's AdditiveAttention takes the projected query and key; scale = w_v
layer = keras.layers.AdditiveAttention(use_scale=True)
args = [q @ W_q, v, k @ W_k]  # order: query, VALUE, key
layer(args)  # builds the layer: one scale vector of size HIDDEN
layer.scale.assign(w_v)
gap = np.abs(layer(args) - additive_out).max()
print(f"additive, max |hand - keras AdditiveAttention|: {gap:.1e}, "
      f"within tolerance: {bool(gap < TOLERANCE)}")

# %% Scaled dot-product scoring by hand: a(q, k) = q . k / sqrt(d)
dot_scores = q @ tf.transpose(k, [0, 2, 1]) / np.sqrt(DIM)
dot = tf.nn.softmax(dot_scores, axis=-1)
show("scaled dot-product", dot)
dot_out = dot @ v
unscaled_out = tf.nn.softmax(dot_scores * np.sqrt(DIM), axis=-1) @ v

# %% What the built-in dot-product layer computes
def gaps(out):  # distance to the scaled and to the unscaled hand version
    return (f"scaled {np.abs(out - dot_out).max():.1e}, "
            f"unscaled {np.abs(out - unscaled_out).max():.1e}")
print("keras Attention(), max |built-in - hand|:",
      gaps(keras.layers.Attention()([q, v, k])))
layer = keras.layers.Attention(use_scale=True)
layer([q, v, k])  # builds a trainable scalar "scale"
print(f"use_scale=True, initial scale: {float(layer.scale.numpy()):.3f}")
print("  at that value:", gaps(layer([q, v, k])))
layer.scale.assign(1 / np.sqrt(DIM))  # fix it to 1/sqrt(d)
gap = np.abs(layer([q, v, k]) - dot_out).max()
print(f"scale set to 1/sqrt(d), max |hand - built-in|: {gap:.1e}, "
      f"within tolerance: {bool(gap < TOLERANCE)}")
