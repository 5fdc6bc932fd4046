import numpy as np
import tensorflow as tf

rng = np.random.default_rng(0)
n = 16  # batch size
X = rng.normal(loc=[0.0, 5.0, -3.0], scale=[1.0, 2.0, 0.5], size=(n, 3)).astype(np.float32)
gamma, beta = rng.uniform(0.5, 1.5, 3).astype(np.float32), rng.normal(size=3).astype(np.float32)
np.set_printoptions(precision=6, suppress=True)
default = tf.keras.layers.BatchNormalization()
print("defaults: momentum", default.momentum, "eps", default.epsilon)

# Keras: moving = momentum * moving + (1 - momentum) * batch statistic.
# momentum=0.9 keeps 0.9 of the old value, like PyTorch's momentum=0.1.
bn = tf.keras.layers.BatchNormalization(momentum=0.9, epsilon=1e-5)
bn.build((None, 3))
bn.gamma.assign(gamma)
bn.beta.assign(beta)
x = tf.constant(X)

# training=True: normalise with this batch's mean and (biased) variance
out = bn(x, training=True).numpy()
expected = gamma * (X - X.mean(0)) / np.sqrt(X.var(0) + 1e-5) + beta
print("training output, sample 0:", out[0])
print(f"training: max gap to batch-statistics formula: {np.abs(out - expected).max():.1e}")
running_mean, running_var = bn.moving_mean.numpy().copy(), bn.moving_variance.numpy().copy()
print("running mean after one step:", running_mean)  # started at 0
print("running var after one step:", running_var)  # started at 1
batch_var = (running_var - 0.9 * 1.0) / 0.1  # the batch variance that went into the update
print("variance in the update / biased batch variance:", batch_var / X.var(0))

# training=False: inference mode, normalise with the moving statistics
out = bn(x, training=False).numpy()
expected = gamma * (X - running_mean) / np.sqrt(running_var + 1e-5) + beta
print(f"inference: max gap to running-statistics formula: {np.abs(out - expected).max():.1e}")

# Same running statistics in both frameworks (those of the distribution X was drawn from)
bn.moving_mean.assign([0.0, 5.0, -3.0])
bn.moving_variance.assign([1.0, 4.0, 0.25])
print("inference output with shared statistics, sample 0:", bn(x, training=False).numpy()[0])
