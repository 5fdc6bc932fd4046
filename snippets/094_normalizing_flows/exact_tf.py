# %% Settings
import keras
import numpy as np
import tensorflow as tf

SEED = 0  # the random weights and the points
LAYERS = 4  # affine coupling layers, masks alternating
HIDDEN = 32
N_POINTS = 500  # where the Jacobian is checked
TOLERANCE = 1e-5  # float32: a few rounding units of values of order 1-10
GRID = 400  # points per side of the grid that integrates p(x)
BOX = 8.0  # the grid spans [-BOX, BOX] on both axes
WEIGHT_SCALE = 4.0  # s and t weights times this: a flow that bends more
for name in ["SEED", "LAYERS", "HIDDEN", "N_POINTS", "TOLERANCE", "GRID", "BOX",
             "WEIGHT_SCALE"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% An affine coupling layer: log|det J| = the sum of its log-scales
class Coupling(keras.layers.Layer):
    def __init__(self, mask):  # mask 1: passed through unchanged
        super().__init__()
        self.mask = tf.constant(mask)
        self.net = keras.Sequential([keras.Input((2,)),
            keras.layers.Dense(HIDDEN, "relu"),
            keras.layers.Dense(HIDDEN, "relu"), keras.layers.Dense(4)])
    def scale_shift(self, x):  # from the passed-through part only
        s, t = tf.split(self.net(x * self.mask), 2, axis=1)
        return tf.tanh(s) * (1 - self.mask), t * (1 - self.mask)
    def call(self, x):  # x -> z, and log|det dz/dx| per point
        s, t = self.scale_shift(x)
        return x * tf.exp(s) + t, tf.reduce_sum(s, axis=1)
    def inverse(self, z):  # the passed-through part gives the same s, t
        s, t = self.scale_shift(z)
        return (z - t) * tf.exp(-s)
# %% RealNVP: coupling layers with alternating masks; log-dets add
class Flow(keras.Model):
    def __init__(self):
        super().__init__()
        self.couplings = [Coupling([1.0 - i % 2, 1.0 * (i % 2)])
                          for i in range(LAYERS)]
    def call(self, x):  # x -> z, and log|det J| of the whole flow
        logdet = 0
        for layer in self.couplings:
            x, ld = layer(x)
            logdet = logdet + ld
        return x, logdet
    def inverse(self, z):
        for layer in reversed(self.couplings):
            z = layer.inverse(z)
        return z
    def log_prob(self, x):  # change of variables: log N(z; 0, I) + log|det|
        z, logdet = self(x)
        return -0.5 * tf.reduce_sum(z**2, axis=1) - np.log(2 * np.pi) + logdet

# %% An untrained flow: random weights, so log|det J| varies with x
keras.utils.set_random_seed(SEED)
flow = Flow()
x = tf.random.normal((N_POINTS, 2))
for layer in flow.couplings:  # the last linear layer gives s and t
    kernel = layer.net.layers[-1].kernel
    kernel.assign(kernel * WEIGHT_SCALE)
z, logdet = flow(x)
print(f"log|det J| from the scales: {logdet.numpy().min():.3f} to "
      f"{logdet.numpy().max():.3f}")

# %% Against log|det| of the Jacobian from autograd, point by point
def jacobian(f, x):  # (point, output, input): batch_jacobian
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f(x)[0]
    return tape.batch_jacobian(y, x)
numeric = tf.linalg.slogdet(jacobian(flow, x))[1]
diff = float(tf.reduce_max(tf.abs(numeric - logdet)))
print(f"log|det J|, max abs diff from the tape's Jacobian: {diff:.1e}")
print(f"within tolerance {TOLERANCE}: {diff < TOLERANCE}")
one = jacobian(flow.couplings[0], x[:1])[0]
print("one coupling layer's Jacobian at x[0] (triangular):")
print(np.array2string(one.numpy(), precision=3))

# %% The inverse is exact: x -> z -> x and z -> x -> z
back = float(tf.reduce_max(tf.abs(flow.inverse(z) - x)))
forth = float(tf.reduce_max(tf.abs(flow(flow.inverse(x))[0] - x)))
print(f"round trip x -> z -> x, max abs error: {back:.1e}")
print(f"round trip z -> x -> z, max abs error: {forth:.1e}")

# %% The density integrates to 1, and only with the log-determinant
side = np.linspace(-BOX, BOX, GRID)
cell = (side[1] - side[0]) ** 2
g = np.stack(np.meshgrid(side, side), -1).reshape(-1, 2).astype("float32")
z, logdet = flow(g)
log_base = -0.5 * tf.reduce_sum(z**2, axis=1) - np.log(2 * np.pi)
mass = float(tf.reduce_sum(tf.exp(log_base + logdet))) * cell
print(f"sum of p(x) dx over the grid: {mass:.3f}")
print(f"the same without log|det J|: "
      f"{float(tf.reduce_sum(tf.exp(log_base))) * cell:.3f}")
