import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)
X = rng.normal(size=(2, 4)).astype(np.float32)
net = tf.keras.Sequential([tf.keras.Input((4,)), tf.keras.layers.Dense(8, activation="relu"), tf.keras.layers.Dense(1)])

# Access: each parameter is a variable with a name, a shape and values.
for w in net.weights:
    print(f"{w.path}: shape {tuple(w.shape)}")
print("first weight matrix shape:", tuple(net.layers[0].kernel.shape))  # Keras stores (inputs, outputs)

# Write: copy the same NumPy weights into the net, so both frameworks compute the same output.
W1, W2 = rng.normal(size=(4, 8)) * 0.5, rng.normal(size=(8, 1)) * 0.5
net.layers[0].set_weights([W1, np.full(8, 0.1)])
net.layers[1].set_weights([W2, np.zeros(1)])
print("output with shared weights:", " ".join(f"{v:.5f}" for v in net(X).numpy().ravel()))


def init(initializer):
    """Initialise a fresh 256 x 256 layer and return its weight matrix."""
    layer = tf.keras.layers.Dense(256, kernel_initializer=initializer)
    layer.build((None, 256))
    return layer.kernel.numpy()


def custom(shape, dtype=None):
    """Uniform on [-10, 10], then zero every weight with |w| < 5."""
    w = tf.random.uniform(shape, -10.0, 10.0, dtype)
    return w * tf.cast(tf.abs(w) >= 5, w.dtype)


w = init(tf.keras.initializers.RandomNormal(0.0, 0.01))
print(f"normal(0, 0.01): mean {w.mean():.4f}, std {w.std():.4f}")
w = init(tf.keras.initializers.Constant(1.0))
print(f"constant 1: min {w.min():.1f}, max {w.max():.1f}")
w = init(tf.keras.initializers.GlorotUniform())
print(f"Xavier uniform: bound {np.sqrt(6 / (256 + 256)):.4f}, max |w| {np.abs(w).max():.4f}, std {w.std():.4f}")
w = init(custom)
print(f"custom: zeroed fraction {np.mean(w == 0):.2f}, smallest nonzero |w| {np.abs(w[w != 0]).min():.2f}")
