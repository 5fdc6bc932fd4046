# %% Settings
import numpy as np
import tensorflow as tf

CHANNELS = 64  # input and output maps of each convolution (VGG's first block)
SIDE = 11  # the probe image for the receptive field, SIDE x SIDE
print(f"channels: {CHANNELS}\nside: {SIDE}")


# %% Parameters: a stack of 3x3 convolutions against one large kernel
def stack(n, k):  # n convolutions k x k, CHANNELS -> CHANNELS, padding same
    return tf.keras.Sequential(
        [tf.keras.Input((None, None, CHANNELS))]
        + [tf.keras.layers.Conv2D(CHANNELS, k, padding="same")
           for _ in range(n)])


C = CHANNELS
for n, k in [(2, 3), (1, 5), (3, 3), (1, 7)]:
    count = stack(n, k).count_params()
    print(f"{n} conv {k}x{k}: parameters {count}, "
          f"formula {n * (k * k * C * C + C)}")


# %% Receptive field: which input pixels reach the centre output?
def field(n):  # n 3x3 convolutions, one channel, every weight 1, no bias
    convs = tf.keras.Sequential(
        [tf.keras.layers.Conv2D(1, 3, padding="same", use_bias=False,
                                kernel_initializer="ones") for _ in range(n)])
    x = tf.ones((1, SIDE, SIDE, 1))
    with tf.GradientTape() as tape:
        tape.watch(x)
        centre = convs(x)[0, SIDE // 2, SIDE // 2, 0]
    return tape.gradient(centre, x)[0, :, :, 0].numpy()


for n in (1, 2, 3):
    rows = int(np.any(field(n) != 0, axis=1).sum())
    cols = int(np.any(field(n) != 0, axis=0).sum())
    print(f"{n} stacked 3x3: receptive field {rows}x{cols}")

# %% The gradient of two stacked 3x3: every pixel of a 5x5, centre weighted
c = SIDE // 2
grad = field(2)[c - 2:c + 3, c - 2:c + 3]  # the 5x5 around the centre
for row in grad.astype(int).tolist():
    print("weights:", " ".join(f"{v:2d}" for v in row))
print("outside the 5x5:", int(field(2).sum() - grad.sum()))
