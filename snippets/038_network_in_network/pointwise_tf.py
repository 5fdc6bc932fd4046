# %% Settings
import numpy as np
import tensorflow as tf

SEED = 0
BATCH, HEIGHT, WIDTH = 2, 5, 5  # a small batch of feature maps
C_IN, C_OUT = 6, 4  # channels in and out of the 1x1 convolution
for name in ["SEED", "BATCH", "HEIGHT", "WIDTH", "C_IN", "C_OUT"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
rng = np.random.default_rng(SEED)  # shared data and weights, both twins
x = rng.normal(size=(BATCH, HEIGHT, WIDTH, C_IN)).astype(np.float32)
W = rng.normal(size=(C_IN, C_OUT)).astype(np.float32)  # dense layout
b = rng.normal(size=C_OUT).astype(np.float32)

# %% A 1x1 convolution with these weights
# Keras: HWIO kernel, NHWC maps
conv = tf.keras.layers.Conv2D(C_OUT, kernel_size=1)
conv.build((None, HEIGHT, WIDTH, C_IN))
conv.kernel.assign(W[None, None])  # (1, 1, C_IN, C_OUT)
conv.bias.assign(b)
out = conv(x).numpy()
print("conv output shape (NHWC):", out.shape)

# %% The same weights as a dense layer on every pixel
dense = tf.keras.layers.Dense(C_OUT)
dense.build((None, C_IN))
dense.kernel.assign(W)  # Dense stores (in, out)
dense.bias.assign(b)
per_pixel = dense(x).numpy()  # acts on the last axis
print(f"max |conv - dense per pixel|: {np.abs(out - per_pixel).max():.1e}")
print(f"max |conv - x @ W + b|: {np.abs(out - (x @ W + b)).max():.1e}")
print("pixel (0, 2, 3):", np.round(out[0, 2, 3], 4))
print("parameters, conv and dense:", conv.count_params(),
      dense.count_params())

# %% The head: flatten + dense against 1x1 conv + global average pooling
def head_params(channels, side, classes):  # the formulas on the page
    flat = channels * side * side * classes + classes
    gap = channels * classes + classes
    return flat, gap
maps = tf.keras.Input(shape=(8, 8, 192))
flatten_head = tf.keras.Sequential([maps, tf.keras.layers.Flatten(),
                                    tf.keras.layers.Dense(10)])
gap_head = tf.keras.Sequential([maps, tf.keras.layers.Conv2D(10, 1),
                                tf.keras.layers.GlobalAveragePooling2D()])
print("head on 192 x 8 x 8 maps, 10 classes")
print("parameters, flatten + dense:", flatten_head.count_params())
print("parameters, 1x1 conv + GAP:", gap_head.count_params())
flat, gap = head_params(192, 8, 10)
print("formula, flatten + dense, 1x1 conv + GAP:", flat, gap)
print(f"ratio: {flat / gap:.1f}")
print("GAP output shape:", tuple(gap_head(tf.zeros((1, 8, 8, 192))).shape))
