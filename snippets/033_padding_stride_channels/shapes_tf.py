# %% Settings: a grid of input sizes, kernels, paddings, strides, dilations
import itertools

import numpy as np
import tensorflow as tf

SIZES = (5, 8, 28)  # square inputs, n x n
KERNELS = (1, 2, 3, 5)
PADS = (0, 1, 2)  # zeros added on every side
STRIDES = (1, 2, 3)
DILATIONS = (1, 2)
for name in "SIZES KERNELS PADS STRIDES DILATIONS".split():
    print(f"{name}: {globals()[name]}")
grid = list(itertools.product(SIZES, KERNELS, PADS, STRIDES, DILATIONS))
print("settings in the grid:", len(grid))


# %% The formula
def out_size(n, k, p, s, d):  # floor((n + 2p - d(k - 1) - 1) / s) + 1
    return (n + 2 * p - d * (k - 1) - 1) // s + 1


print("n=28, k=5, p=0, s=1, d=1:", out_size(28, 5, 0, 1, 1))
print("n=28, k=3, p=1, s=2, d=1:", out_size(28, 3, 1, 2, 1))
print("n=28, k=3, p=2, s=1, d=2:", out_size(28, 3, 2, 1, 2))


# %% The framework's convolution for one setting
def measured(n, k, p, s, d):  # the output's height and width, or the error
    x = tf.zeros((1, n, n, 1))  # NHWC
    w = tf.zeros((k, k, 1, 1))  # HWIO
    pads = [[0, 0], [p, p], [p, p], [0, 0]]
    try:
        y = tf.nn.conv2d(x, w, strides=s, padding=pads, dilations=d)
    except Exception as error:
        return type(error).__name__
    return tuple(y.shape[1:3])


print("n=28, k=3, p=1, s=2, d=1:", measured(28, 3, 1, 2, 1))

# %% Every setting where the dilated kernel fits the padded input
fits = [(n, k, p, s, d) for n, k, p, s, d in grid if d * (k - 1) < n + 2 * p]
print("settings where the kernel fits:", len(fits))
agree = 0
for setting in fits:
    want = out_size(*setting)
    agree += measured(*setting) == (want, want)
print("output shape equals the formula:", agree)

# %% A kernel that does not fit: n=8, k=5, d=2 spans 9 pixels
x, w = tf.zeros((1, 8, 8, 1)), tf.ones((5, 5, 1, 1))
print("formula:", out_size(8, 5, 0, 1, 2))
try:
    tf.keras.layers.Conv2D(1, 5, dilation_rate=2)(x)
except ValueError:
    print("layer: ValueError")
conv = tf.function(lambda x: tf.nn.conv2d(x, w, 1, "VALID", dilations=2))
try:
    conv(x)
except ValueError:
    print("compiled function: ValueError")
y = tf.nn.conv2d(x, w, 1, "VALID", dilations=2)  # eager: no error (TF bug)
print("eager function: shape", tuple(y.shape[1:3]))  # its values: garbage
print("no dilation, n=4, k=5:", measured(4, 5, 0, 1, 1))  # also output size 0
print("n=5, k=5, d=2 (size -3):", measured(5, 5, 0, 1, 2))

# %% Stride and dilation together in a layer
try:
    tf.keras.layers.Conv2D(1, 3, strides=2, dilation_rate=2)
    print("layer with stride 2 and dilation 2: works")
except ValueError:
    print("layer with stride 2 and dilation 2: ValueError")
print("function with stride 2 and dilation 2:", measured(8, 3, 1, 2, 2))
