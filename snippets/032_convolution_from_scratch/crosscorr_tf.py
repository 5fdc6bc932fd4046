# %% Settings and generated data (NCHW images, OIHW kernels, as NumPy)
import numpy as np
import tensorflow as tf
from scipy import signal

SEED = 0
BATCH, C_IN, SIZE = 2, 3, 8  # two 3-channel 8x8 images
C_OUT, K = 4, 3  # four 3x3 kernels
print(f"seed: {SEED}\nbatch, channels, size: {BATCH}, {C_IN}, {SIZE}")
print(f"kernels: {C_OUT} of {C_IN}x{K}x{K}")
rng = np.random.default_rng(SEED)
x = rng.normal(size=(BATCH, C_IN, SIZE, SIZE)).astype(np.float32)
w = rng.normal(size=(C_OUT, C_IN, K, K)).astype(np.float32)

# %% Cross-correlation by hand: slide the kernel, multiply, add
def corr2d(image, kernels):  # image (C_IN, H, W), kernels (C_OUT, C_IN, K, K)
    n = image.shape[1] - K + 1  # no padding, stride 1
    y = np.zeros((len(kernels), n, n))
    for o in range(len(kernels)):
        for i in range(n):
            for j in range(n):
                y[o, i, j] = np.sum(image[:, i:i + K, j:j + K] * kernels[o])
    return y
by_hand = np.stack([corr2d(image, w) for image in x])
print("output shape (batch, channels, height, width):", by_hand.shape)

# %% The built-in convolution computes the same thing
def built_in(kernels):  # TensorFlow: NHWC input, HWIO kernels, NCHW back
    y = tf.nn.conv2d(x.transpose(0, 2, 3, 1), kernels.transpose(2, 3, 1, 0),
                     strides=1, padding="VALID")
    return y.numpy().transpose(0, 3, 1, 2)
def relative(a, b):  # largest difference, relative to the largest value
    return np.abs(a - b).max() / np.abs(b).max()
error = relative(built_in(w), by_hand)
print(f"built-in vs by hand, relative error: {error:.1e}")
scipy = np.stack([[sum(signal.correlate2d(image[c], w[o, c], "valid")
                       for c in range(C_IN)) for o in range(C_OUT)]
                  for image in x])
print(f"scipy correlate2d vs by hand: {relative(scipy, by_hand):.1e}")

# %% Convolution proper: the kernel index runs backwards
def conv2d(image, kernels):  # y[i, j] = sum_ab x[i + K-1-a, j + K-1-b] k[a, b]
    n = image.shape[1] - K + 1
    y = np.zeros((len(kernels), n, n))
    for a in range(K):
        for b in range(K):
            patch = image[:, K - 1 - a:K - 1 - a + n, K - 1 - b:K - 1 - b + n]
            y += np.einsum("chw,oc->ohw", patch, kernels[:, :, a, b])
    return y
true_conv = np.stack([conv2d(image, w) for image in x])
scipy = np.stack([[sum(signal.convolve2d(image[c], w[o, c], "valid")
                       for c in range(C_IN)) for o in range(C_OUT)]
                  for image in x])
print(f"convolution by hand vs scipy convolve2d: "
      f"{relative(true_conv, scipy):.1e}")
flipped = w[:, :, ::-1, ::-1]  # rotate each kernel by 180 degrees
print(f"built-in, flipped kernel vs convolution: "
      f"{relative(built_in(flipped), true_conv):.1e}")
print(f"built-in, kernel as is vs convolution: "
      f"{relative(built_in(w), true_conv):.2f}")
