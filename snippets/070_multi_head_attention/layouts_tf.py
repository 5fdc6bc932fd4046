# %% Settings
import keras
import numpy as np
import tensorflow as tf

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
keras.utils.set_random_seed(SEED)
x = tf.constant(np.random.default_rng(DATA_SEED).normal(
    size=(BATCH, STEPS, D_MODEL)), dtype=tf.float32)

# %% The built-in layer and the shapes of its weights
mha = keras.layers.MultiHeadAttention(num_heads=HEADS, key_dim=KEY_DIM)
mha(x, x)  # weights are created on the first call
for w in mha.weights:
    print(f"{w.path.split('/', 1)[1]}: {tuple(w.shape)}")
print("size per head:", mha.key_dim)

# %% The parameter count, from the formula
def count(d, h, k):  # q, k, v: d*(h*k) weights + h*k biases; out: h*k*d + d
    return 3 * (d * h * k + h * k) + h * k * d + d
d, h, k = D_MODEL, HEADS, KEY_DIM
print("parameters, built-in:", mha.count_params())
print("parameters, 3(dhk + hk) + hkd + d:", count(d, h, k))
print("parameters, 4d^2 + 4d (h*k = d):", 4 * d * d + 4 * d)
print("parameters, base Transformer (d 512, h 8, k 64):", count(512, 8, 64))

# %% Head sizes: does the layer allow h*k != d?
for heads, size, label in [(3, 4, "3 heads on d = 16"),
                           (4, 8, "4 heads of size 8")]:
    other = keras.layers.MultiHeadAttention(num_heads=heads, key_dim=size)
    other(x, x)  # Keras: any h and k; the output is projected back to d
    print(f"{label}: parameters {other.count_params()}, formula "
          f"{count(d, heads, size)}")

# %% Call conventions: layout of the input, weights returned
valid = tf.range(STEPS) < tf.constant(LENGTHS)[:, None]  # True = real
print("batch_first in the layer's config:", "batch_first" in mha.get_config())
print("returns weights by default:", isinstance(mha(x, x), tuple))
_, w = mha(x, x, return_attention_scores=True)
print("with return_attention_scores=True:", tuple(w.shape))

# %% Mask conventions
for name, mask in [("padding", ~valid), ("real", valid)]:
    full = tf.broadcast_to(mask[:, None, :], (BATCH, STEPS, STEPS))
    _, w = mha(x, x, attention_mask=full, return_attention_scores=True)
    print(f"attention_mask True at {name} keys, weight on padded keys: "
          f"{np.max(np.sum(w[1, :, :, LENGTHS[1]:], -1)):.3f}")  # example 1
future = np.triu(np.ones((STEPS, STEPS), bool), 1)  # True above diagonal
_, w = mha(x, x, attention_mask=future[None], return_attention_scores=True)
print(f"attention_mask True at future keys, weight on them: "
      f"{np.max(np.sum(w * future, -1)):.3f}")

# %% A weight in the other framework's layout
flat = mha.get_weights()[0].reshape(d, h * k).T  # PyTorch's layout, (16, 16)
try:  # twins differ: Keras checks the 3-D shape, PyTorch cannot tell
    mha.set_weights([flat] + mha.get_weights()[1:])
    print("query kernel as (h*k, d): accepted")
except ValueError as error:
    print("query kernel as (h*k, d): rejected,", type(error).__name__)
