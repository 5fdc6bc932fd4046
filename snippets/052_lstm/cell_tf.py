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
for name in ["INPUT", "UNITS", "STEPS", "BATCH", "SEED",
             "TOLERANCE"]:
    print(f"{name.lower()}: {globals()[name]}")

# %% The built-in layer: its weights and their shapes
keras.utils.set_random_seed(SEED)
lstm = keras.layers.LSTM(UNITS, return_sequences=True, return_state=True)
lstm.build((None, STEPS, INPUT))
for w in lstm.weights:
    print(f"{w.name}: {tuple(w.shape)}")
count = lstm.count_params()
h, x = UNITS, INPUT
print(f"parameters, Keras: {count}")
print(f"parameters, 4*(h*(h+x)+h): {4 * (h * (h + x) + h)}")
assert count == 4 * (h * (h + x) + h)
f_bias = lstm.cell.bias.numpy()[UNITS:2 * UNITS]  # block 2 of 4
print(f"initial forget-gate bias: min {f_bias.min():.3f}, "
      f"max {f_bias.max():.3f}")

# %% The same gate weights in both twins, packed in the layer's layout
rng = np.random.default_rng(SEED)
GATES = ("i", "f", "g", "o")  # PyTorch's names; Keras calls g "c"
W = {g: rng.normal(0, 0.5, (INPUT, UNITS)) for g in GATES}  # x @ W
U = {g: rng.normal(0, 0.5, (UNITS, UNITS)) for g in GATES}  # h @ U
b_x = {g: rng.normal(0, 0.5, UNITS) for g in GATES}
b_h = {g: rng.normal(0, 0.5, UNITS) for g in GATES}
X = rng.normal(size=(BATCH, STEPS, INPUT))
packed = [  # blocks side by side along the columns: acts as x @ W
    np.concatenate([W[g] for g in GATES], axis=1),  # kernel
    np.concatenate([U[g] for g in GATES], axis=1),  # recurrent_kernel
    np.concatenate([b_x[g] + b_h[g] for g in GATES])]  # one bias: the sum
lstm.set_weights(packed)
cell = lstm.cell


# %% An LSTM cell by hand, on the layer's own tensors
def lstm_step(x, h, c, order=GATES):
    z = x @ cell.kernel + h @ cell.recurrent_kernel + cell.bias
    gate = dict(zip(order, tf.split(z, 4, axis=1)))
    i, f, o = (tf.sigmoid(gate[k]) for k in ("i", "f", "o"))
    g = tf.tanh(gate["g"])  # the candidate values
    c = f * c + i * g  # the cell state: keep part, add part
    return o * tf.tanh(c), c


def unroll(X, order=GATES):
    h = c = tf.zeros((X.shape[0], UNITS))
    hs = []
    for t in range(X.shape[1]):  # the loop the layer runs inside
        h, c = lstm_step(X[:, t], h, c, order)
        hs.append(h)
    return tf.stack(hs, axis=1), c


# %% The hand cell against the built-in, same weights, same input
x_in = tf.constant(X, dtype=tf.float32)
out, h_n, c_n = lstm(x_in)
hand, c_hand = unroll(x_in)
print(f"output shape: {tuple(out.shape)}")
print(f"final state shapes: h {tuple(h_n.shape)}, c {tuple(c_n.shape)}")
print(f"final h equals the last output: {np.array_equal(h_n, out[:, -1])}")
print("h after the last step, sample 0:",
      np.round(out[0, -1].numpy(), 6))
print("c after the last step, sample 0:", np.round(c_n[0].numpy(), 6))
print(f"max |hand - built-in|, h: {np.abs(hand - out).max():.1e}")
print(f"max |hand - built-in|, c: {np.abs(c_hand - c_n).max():.1e}")
gap = max(np.abs(hand - out).max(), np.abs(c_hand - c_n).max())
print(f"within tolerance: {bool(gap < TOLERANCE)}")

# %% Which gate order reproduces the built-in? All 24 tried
matches = []
for order in permutations(GATES):
    if np.abs(unroll(x_in, order)[0] - out).max() < TOLERANCE:
        matches.append("".join(order).replace("g", "c"))
print(f"gate orders tried: 24, matching: {len(matches)} ({matches[0]})")
