# %% Settings and data
import numpy as np
import tensorflow as tf

BATCH = 16
EPSILON = 1e-5  # matched in both frameworks
KEEP = 0.9  # share of the old running value kept at each update
SEED = 0
print(f"BATCH: {BATCH}\nEPSILON: {EPSILON}\nKEEP: {KEEP}\nSEED: {SEED}")
rng = np.random.default_rng(SEED)
X = rng.normal(loc=[0.0, 5.0, -3.0], scale=[1.0, 2.0, 0.5],
               size=(BATCH, 3)).astype(np.float32)
gamma = rng.uniform(0.5, 1.5, 3).astype(np.float32)
beta = rng.normal(size=3).astype(np.float32)
np.set_printoptions(precision=6, suppress=True)

# %% The defaults
default = tf.keras.layers.BatchNormalization()
print(f"default momentum: {default.momentum}")
print(f"default epsilon: {default.epsilon}")

# %% A layer with matched settings and the same gamma, beta
# Keras: moving = momentum * moving + (1 - momentum) * batch statistic,
# so momentum is the share kept (PyTorch's momentum is the share replaced)
bn = tf.keras.layers.BatchNormalization(momentum=KEEP, epsilon=EPSILON)
bn.build((None, 3))
bn.gamma.assign(gamma)
bn.beta.assign(beta)
x = tf.constant(X)

# %% Training mode: this batch's mean and biased variance
out = bn(x, training=True).numpy()
expected = gamma * (X - X.mean(0)) / np.sqrt(X.var(0) + EPSILON) + beta
print("training output, sample 0:", out[0])
gap = np.abs(out - expected).max()
print(f"training: max gap to batch-statistics formula: {gap:.1e}")

# %% The running statistics after that one step
running_mean = bn.moving_mean.numpy().copy()  # started at 0
running_var = bn.moving_variance.numpy().copy()  # started at 1
print("running mean after one step:", running_mean)
print("running var after one step: ", running_var)
# the batch variance that went into the update
batch_var = (running_var - KEEP * 1.0) / (1 - KEEP)
print("update variance / biased batch variance:", batch_var / X.var(0))

# %% Inference mode: the running statistics
out = bn(x, training=False).numpy()
expected = (gamma * (X - running_mean) / np.sqrt(running_var + EPSILON)
            + beta)
gap = np.abs(out - expected).max()
print(f"inference: max gap to running-statistics formula: {gap:.1e}")

# %% Inference with the same running statistics in both frameworks
# those of the distribution X was drawn from
bn.moving_mean.assign([0.0, 5.0, -3.0])
bn.moving_variance.assign([1.0, 4.0, 0.25])
out = bn(x, training=False).numpy()
print("inference, shared statistics, sample 0:", out[0])

# %% Two pitfalls: a batch of one, and freezing the layer
one = bn(x[:1], training=True).numpy()  # normalised to 0, so beta remains
print(f"batch of one, training: max |output - beta| "
      f"{np.abs(one - beta).max():.1e}")
before = bn.moving_mean.numpy().copy()
bn.trainable = False  # frozen: in Keras this also means inference mode
frozen = bn(x, training=True).numpy()
inference = bn(x, training=False).numpy()
print(f"frozen layer, training call equals inference: "
      f"{bool(np.array_equal(frozen, inference))}")
changed = not np.array_equal(bn.moving_mean.numpy(), before)
print(f"frozen layer, training call changes the running mean: {changed}")

# %% Porting without matching epsilon: 1e-3 (Keras's default) against 1e-5
X4 = np.c_[X, 0.01 * X[:, :1]]  # a fourth feature, of variance about 1e-4
outs = []
for eps in (1e-3, EPSILON):  # the same running statistics for both
    layer = tf.keras.layers.BatchNormalization(epsilon=eps)
    layer.build((None, 4))
    layer.moving_mean.assign([0.0, 5.0, -3.0, 0.0])
    layer.moving_variance.assign([1.0, 4.0, 0.25, 1e-4])
    outs.append(layer(tf.constant(X4), training=False).numpy())
print("running variances:", layer.moving_variance.numpy())
print("epsilon gap per feature:", np.abs(outs[0] - outs[1]).max(axis=0))
