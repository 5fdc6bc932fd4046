# %% Settings and data: a batch of feature maps with 3 channels
import numpy as np
import tensorflow as tf

SEED = 0
BATCH, SIZE, CHANNELS = 8, 5, 3  # 8 maps of 5 x 5, 3 channels
EPSILON = 1e-3
KEEP = 0.9  # share of the old running statistic kept at each update
for name in ["SEED", "BATCH", "SIZE", "CHANNELS", "EPSILON", "KEEP"]:
    print(f"{name.lower()}: {globals()[name]}")
rng = np.random.default_rng(SEED)  # shared data, both twins
X = rng.normal([1.0, -2.0, 5.0], [0.5, 2.0, 3.0],
               size=(BATCH, SIZE, SIZE, CHANNELS)).astype(np.float32)  # NHWC
x = tf.constant(X)  # Keras takes NHWC as it is
np.set_printoptions(precision=4, suppress=True)

# %% Training mode: one mean and variance per channel, over N, H and W
# Keras's momentum is the share kept: KEEP
bn = tf.keras.layers.BatchNormalization(epsilon=EPSILON, momentum=KEEP)
out = bn(x, training=True).numpy()
mean, var = X.mean((0, 1, 2)), X.var((0, 1, 2))  # per channel, biased
by_hand = (X - mean) / np.sqrt(var + EPSILON)
print("values per channel:", BATCH * SIZE * SIZE)
print("output mean per channel:", out.mean((0, 1, 2)))
print("output std per channel: ", out.std((0, 1, 2)))
print(f"max |layer - by hand|: {np.abs(out - by_hand).max():.1e}")

# %% The running statistics after that one step
print("running mean:", bn.moving_mean.numpy())
print("running mean by hand:", (1 - KEEP) * mean)
n = BATCH * SIZE * SIZE  # Keras updates with the biased variance
print("running var:", bn.moving_variance.numpy())
print("running var by hand, biased:", KEEP + (1 - KEEP) * var)
print("running var by hand, unbiased:", KEEP + (1 - KEEP) * var * n / (n - 1))

# %% The defaults: the same word, opposite meanings
default = tf.keras.layers.BatchNormalization()
print(f"default momentum: {default.momentum}")
print(f"default share kept: {default.momentum:.2f}")
default(x, training=True)
print("default running mean after one step:",
      default.moving_mean.numpy())

# %% Inference mode: the running statistics, not the batch's
first = bn(x[:1], training=False).numpy()
expected = ((X[:1] - bn.moving_mean.numpy())
            / np.sqrt(bn.moving_variance.numpy() + EPSILON))
print(f"inference, max |layer - running formula|: "
      f"{np.abs(first - expected).max():.1e}")
print("inference, sample 0 differs from training output:",
      bool(np.abs(first[0] - out[0]).max() > 0.1))
