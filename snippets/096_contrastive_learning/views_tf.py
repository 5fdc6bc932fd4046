# %% Settings
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits

DATA_SEED = 0  # the digits shown and the test vectors for the loss
SEED = 0  # the augmentations
TEMPERATURE = 0.1  # tau in NT-Xent
PAIRS = 4  # the small batch for the parity check: 2 x 4 = 8 views
for name in ["DATA_SEED", "SEED", "TEMPERATURE", "PAIRS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: 8x8 digits, pixels scaled from 0-16 to [0, 1]
X, y = load_digits(return_X_y=True)
X = (X / 16.0).astype(np.float32)
print("digits:", X.shape, "pixel range:", X.min(), X.max())


# %% Augmentations in framework ops, drawn from a seeded generator
def augment(x, gen):  # shift by up to 1 pixel, scale intensity, add noise
    n = tf.shape(x)[0]
    padded = tf.pad(tf.reshape(x, (-1, 8, 8)), [[0, 0], [1, 1], [1, 1]])
    crops = tf.stack([padded[:, dy:dy + 8, dx:dx + 8]
                      for dy in range(3) for dx in range(3)], axis=1)
    x = tf.gather(crops, gen.uniform((n,), 0, 9, tf.int32), batch_dims=1)
    x = x * gen.uniform((n, 1, 1), 0.6, 1.4)
    return tf.reshape(x + 0.1 * gen.normal((n, 8, 8)), (-1, 64))


# %% Two views of six digits
gen = tf.random.Generator.from_seed(SEED)
digits = tf.constant(X[:6])
view1, view2 = augment(digits, gen), augment(digits, gen)
change = float(tf.reduce_mean(tf.abs(view1 - digits)))
print(f"mean |view - image|: {change:.3f} (pixels in [0, 1])")
fig, axes = plt.subplots(3, 6, figsize=(6, 3.2))
for col in range(6):
    for row, img in enumerate([digits, view1, view2]):
        axes[row, col].imshow(tf.reshape(img[col], (8, 8)), cmap="gray_r")
        axes[row, col].axis("off")
fig.suptitle("Digits (top) and two augmented views of each (below)")
plt.show()


# %% NT-Xent in framework ops
def nt_xent(z1, z2):
    z = tf.math.l2_normalize(tf.concat([z1, z2], 0), axis=1)
    n = tf.shape(z1)[0]
    logits = tf.linalg.set_diag(z @ tf.transpose(z) / TEMPERATURE,
                                tf.fill([2 * n], -1e9))
    positive = tf.concat([tf.range(n, 2 * n), tf.range(n)], 0)
    return tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(
        positive, logits))


# %% The same loss from the formula in NumPy (float64), on the same vectors
def nt_xent_numpy(z1, z2):
    z = np.concatenate([z1, z2]).astype(np.float64)
    z /= np.linalg.norm(z, axis=1, keepdims=True)
    sim = z @ z.T / TEMPERATURE
    n = len(z1)
    losses = []
    for i in range(2 * n):
        j = (i + n) % (2 * n)  # the other view of the same image
        others = np.delete(sim[i], i)  # every view but i itself
        losses.append(-sim[i, j] + np.log(np.exp(others).sum()))
    return np.mean(losses)


# %% Parity on a small batch, and the chance level log(2N - 1)
rng = np.random.default_rng(DATA_SEED)
z1 = rng.normal(size=(PAIRS, 3)).astype(np.float32)
cases = {"random pairs": rng.normal(size=(PAIRS, 3)),  # unrelated views
         "close pairs": z1 + 0.1 * rng.normal(size=(PAIRS, 3))}
for name, z2 in cases.items():
    z2 = z2.astype(np.float32)
    ours = float(nt_xent(tf.constant(z1), tf.constant(z2)))
    ref = nt_xent_numpy(z1, z2)
    print(f"{name}: loss {ours:.6f}, numpy {ref:.6f}, "
          f"relative difference {abs(ours - ref) / ref:.1e}")
print(f"chance level log(2 * {PAIRS} - 1): {np.log(2 * PAIRS - 1):.6f}")
