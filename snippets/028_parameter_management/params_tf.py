# %% Settings and data
import numpy as np
import tensorflow as tf

SEED = 0
N_IN = 4  # the net 4 -> 8 -> 1
HIDDEN = 8
BATCH = 2
SCALE = 0.5  # of the NumPy weights copied into both frameworks
BIAS = 0.1
SIZE = 256  # the fresh SIZE x SIZE layer the initialisers fill
STD = 0.01  # of the normal initialiser
LOW = -10.0  # custom: uniform on [LOW, -LOW], then zero where |w| < CUT
CUT = 5.0
names = "SEED N_IN HIDDEN BATCH SCALE BIAS SIZE STD LOW CUT"
for name in names.split():
    print(f"{name}: {globals()[name]}")
tf.keras.utils.set_random_seed(SEED)
rng = np.random.default_rng(SEED)
X = rng.normal(size=(BATCH, N_IN)).astype(np.float32)

# %% Access: every parameter has a name, a shape and values
net = tf.keras.Sequential(
    [
        tf.keras.Input((N_IN,)),
        tf.keras.layers.Dense(HIDDEN, activation="relu"),
        tf.keras.layers.Dense(1),
    ]
)
for w in net.weights:
    print(f"{w.path}: shape {tuple(w.shape)}")
kernel = net.layers[0].kernel  # Keras stores (inputs, outputs)
print("first weight matrix shape:", tuple(kernel.shape))

# %% Write: the same NumPy weights in both frameworks
W1 = rng.normal(size=(N_IN, HIDDEN)) * SCALE
W2 = rng.normal(size=(HIDDEN, 1)) * SCALE
net.layers[0].set_weights([W1, np.full(HIDDEN, BIAS)])
net.layers[1].set_weights([W2, np.zeros(1)])
out = net(X).numpy().ravel()
print("output with shared weights:", " ".join(f"{v:.5f}" for v in out))


# %% Initialisers
def init(initializer):  # a fresh SIZE x SIZE layer's weight matrix
    layer = tf.keras.layers.Dense(SIZE, kernel_initializer=initializer)
    layer.build((None, SIZE))
    return layer.kernel.numpy()


def custom(shape, dtype=None):  # uniform on [LOW, -LOW], zero where |w| < CUT
    w = tf.random.uniform(shape, LOW, -LOW, dtype)
    return w * tf.cast(tf.abs(w) >= CUT, w.dtype)


# %% What each initialiser draws
w = init(tf.keras.initializers.RandomNormal(0, STD))
print(f"normal(0, {STD}): mean {w.mean():.4f}, std {w.std():.4f}")
w = init(tf.keras.initializers.Constant(1))
print(f"constant 1: min {w.min():.1f}, max {w.max():.1f}")
w, bound = init(tf.keras.initializers.GlorotUniform()), np.sqrt(6 / (2 * SIZE))
print(f"Xavier uniform: bound {bound:.4f}, max |w| {np.abs(w).max():.4f}")
print(f"Xavier uniform: std {w.std():.4f}, bound/sqrt(3) {bound / 3**0.5:.4f}")
w = init(custom)
print(f"custom: zeroed fraction {np.mean(w == 0):.2f}")
print(f"custom: smallest nonzero |w| {np.abs(w[w != 0]).min():.2f}")
