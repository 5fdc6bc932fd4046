# %% Settings
from itertools import permutations

import keras
import numpy as np
import tensorflow as tf

INPUT = 3  # x, features per step
UNITS = 4  # h, hidden units
STEPS = 6
BATCH = 2
SEED = 0
TOLERANCE = 1e-6  # max abs difference allowed, float32
for name in ["INPUT", "UNITS", "STEPS", "BATCH", "SEED", "TOLERANCE"]:
    print(f"{name.lower()}: {globals()[name]}")
# %% The built-in layer: its weights and their shapes
keras.utils.set_random_seed(SEED)
gru = keras.layers.GRU(UNITS, return_sequences=True)  # reset_after=True
gru.build((None, STEPS, INPUT))
for w in gru.weights:
    print(f"{w.name}: {tuple(w.shape)}")
h, x = UNITS, INPUT
print(f"parameters, Keras: {gru.count_params()}")
print(f"parameters, 3*(h*(h+x)+2h): {3 * (h * (h + x) + 2 * h)}")
# %% The same gate weights in both twins, packed in the layer's layout
rng = np.random.default_rng(SEED)
GATES = ("z", "r", "n")  # update, reset, candidate (Keras calls n "h")
W = {g: rng.normal(0, 0.5, (INPUT, UNITS)) for g in GATES}  # x @ W
U = {g: rng.normal(0, 0.5, (UNITS, UNITS)) for g in GATES}  # h @ U
b_x = {g: rng.normal(0, 0.5, UNITS) for g in GATES}
b_h = {g: rng.normal(0, 0.5, UNITS) for g in GATES}
X = rng.normal(size=(BATCH, STEPS, INPUT))
ORDER = ("z", "r", "n")  # twins differ: Keras's order
packed = [np.concatenate([W[g] for g in ORDER], axis=1),  # kernel
          np.concatenate([U[g] for g in ORDER], axis=1),  # recurrent
          np.stack([np.concatenate([b[g] for g in ORDER])  # bias: 2 rows
                    for b in (b_x, b_h)])]
gru.set_weights(packed)
Wx, Wh = gru.cell.kernel, gru.cell.recurrent_kernel
bx, bh = gru.cell.bias[0], gru.cell.bias[1]
# %% A GRU cell by hand, on the layer's own tensors
def gru_step(x, h, order=ORDER, reset_after=True):
    a = dict(zip(order, tf.split(x @ Wx + bx, 3, axis=1)))  # from x
    u = dict(zip(order, tf.split(h @ Wh + bh, 3, axis=1)))  # from h
    z = tf.sigmoid(a["z"] + u["z"])  # update gate
    r = tf.sigmoid(a["r"] + u["r"])  # reset gate
    if reset_after:  # r scales U h + b: PyTorch, Keras's default
        n = tf.tanh(a["n"] + r * u["n"])
    else:  # r scales h before U: Keras's reset_after=False
        k = order.index("n")  # the candidate's block of U and of b_h
        Un, bn = tf.split(Wh, 3, axis=1)[k], tf.split(bh, 3)[k]
        n = tf.tanh(a["n"] + bn + (r * h) @ Un)
    return z * h + (1 - z) * n  # z = 1 keeps the old state

def unroll(X, order=ORDER, reset_after=True):
    h, hs = tf.zeros((X.shape[0], UNITS)), []
    for t in range(X.shape[1]):
        h = gru_step(X[:, t], h, order, reset_after)
        hs.append(h)
    return tf.stack(hs, axis=1)
# %% The hand cell against the built-in, and the gate order
x_in = tf.constant(X, dtype=tf.float32)
out = gru(x_in)
hand = unroll(x_in)
print("h after the last step, sample 0:", np.round(out[0, -1].numpy(), 6))
gap = np.abs(hand - out).max()
print(f"max |hand - built-in|: {gap:.1e}, within tolerance: "
      f"{bool(gap < TOLERANCE)}")
matches = ["".join(o).replace("n", "h") for o in permutations(ORDER)
           if np.abs(unroll(x_in, o) - out).max() < TOLERANCE]
print(f"gate orders tried: 6, matching: {len(matches)} ({matches[0]})")
# %% Reset before the product (Keras's reset_after=False): one bias, 3h
old = keras.layers.GRU(UNITS, return_sequences=True, reset_after=False)
old.build((None, STEPS, INPUT))
print(f"reset_after=False bias: {tuple(old.cell.bias.shape)}")
print(f"parameters, reset_after=False: {old.count_params()}")
print(f"parameters, 3*(h*(h+x)+h): {3 * (h * (h + x) + h)}")
old.set_weights(packed[:2] + [packed[2].sum(axis=0)])  # one bias: the sum
before = old(x_in)
print("reset before, last h, sample 0:",
      np.round(before[0, -1].numpy(), 6))
gap = np.abs(unroll(x_in, reset_after=False) - before).max()
print(f"max |hand, reset before - built-in|: {gap:.1e}")
print(f"max |reset before - reset after|: "
      f"{np.abs(before - out).max():.3f}")
# %% Which recurrent biases matter? Move blocks into the input bias
def moved(gates):  # the largest change of the output when these are moved
    b = packed[2].copy()
    for g in gates:
        k = slice(ORDER.index(g) * h, (ORDER.index(g) + 1) * h)
        b[0, k], b[1, k] = b[0, k] + b[1, k], 0
    gru.set_weights(packed[:2] + [b])
    return np.abs(gru(x_in) - out).max()

print(f"b_hz, b_hr moved into b_xz, b_xr, max change: {moved('zr'):.1e}")
print(f"b_hn moved too, max change: {moved('zrn'):.3f}")
print(f"parameters needed, 3*h*(h+x)+4h: {3 * h * (h + x) + 4 * h}")
