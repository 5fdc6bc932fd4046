# %% Settings
from itertools import permutations

import keras
import numpy as np
import tensorflow as tf

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
    return tf.constant(rng.normal(0, scale, shape), dtype=tf.float32)
X = draw(SEQ_LEN, D_MODEL)
W_q, W_k, W_v = (draw(D_MODEL, D_MODEL, scale=D_MODEL**-0.5)
                 for _ in range(3))
angle = np.arange(SEQ_LEN)[:, None] / 10000 ** (
    np.arange(0, D_MODEL, 2) / D_MODEL)
PE = tf.constant(np.stack([np.sin(angle), np.cos(angle)], -1).reshape(
    SEQ_LEN, D_MODEL), dtype=tf.float32)  # 2i: sin, 2i+1: cos

def self_attention(X):  # X: (..., n, d), the second snippet's function
    Q, K, V = X @ W_q, X @ W_k, X @ W_v
    scores = tf.matmul(Q, K, transpose_b=True) / D_MODEL**0.5
    return tf.nn.softmax(scores, axis=-1) @ V

# %% Without positions: permuting the input permutes the output
perms = np.array(list(permutations(range(SEQ_LEN))))  # (720, n)
def gaps(f, X):  # per order p: how f(x[p]) differs from f(x)[p] and f(x)
    moved, Y = f(tf.gather(X, perms)), f(X[None])[0]
    equi = tf.reduce_max(tf.abs(moved - tf.gather(Y, perms)), axis=[1, 2])
    mean = tf.reduce_mean(moved, axis=1) - tf.reduce_mean(Y, axis=0)
    return equi, tf.reduce_max(tf.abs(mean), axis=1)  # mean over positions

equi, mean = gaps(self_attention, X)
print(f"orders tried: {len(perms)} (the first is the identity)")
print(f"no positions, max |f(x[p]) - f(x)[p]|: {tf.reduce_max(equi):.1e}, "
      f"within tolerance: {bool(tf.reduce_max(equi) < TOLERANCE)}")
print(f"no positions, max change of the mean over positions: "
      f"{tf.reduce_max(mean):.1e}")

# %% With the positional encoding added, order changes the output
equi, mean = (g[1:] for g in gaps(lambda X: self_attention(X + PE), X))
print(f"with positions, max |f(x[p]+PE) - f(x+PE)[p]|, other orders: "
      f"{tf.reduce_min(equi):.3f} to {tf.reduce_max(equi):.3f}")
print(f"with positions, max change of the mean over positions: "
      f"{tf.reduce_min(mean):.3f} to {tf.reduce_max(mean):.3f}")

# %% The built-in layer behaves the same way (its own random weights)
keras.utils.set_random_seed(SEED)
mha = keras.layers.MultiHeadAttention(HEADS, key_dim=D_MODEL // HEADS)
layer = lambda X: mha(X, X)  # self-attention: query = key = value = X
built = tf.reduce_max(gaps(layer, X)[0])
print(f"MultiHeadAttention, no positions: {built:.1e}, "
      f"within tolerance: {bool(built < TOLERANCE)}")
built = tf.reduce_min(gaps(lambda X: layer(X + PE), X)[0][1:])
print(f"MultiHeadAttention, with positions, other orders: from {built:.3f}")
