# %% Settings
import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn import datasets, mixture

DATA_SEED = 0  # the two moons, train and test
N_TRAIN = 1000
N_TEST = 1000
NOISE = 0.05  # make_moons' Gaussian noise
LAYERS = 4  # affine coupling layers, masks alternating
HIDDEN = 32
STEPS = 400  # Adam steps on minibatches
BATCH_SIZE = 128
LEARNING_RATE = 0.005
SEEDS = (0, 1, 2)  # initial weights and minibatch order
COMPONENTS = 8  # the mixture baseline: Gaussians fitted by EM
for name in ["DATA_SEED", "N_TRAIN", "N_TEST", "NOISE", "LAYERS", "HIDDEN",
             "STEPS", "BATCH_SIZE", "LEARNING_RATE", "SEEDS", "COMPONENTS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: two moons; baselines: a Gaussian and a mixture, by max. likelihood
X = datasets.make_moons(N_TRAIN + N_TEST, noise=NOISE, random_state=DATA_SEED)
X_train, X_test = np.split(X[0].astype("float32"), [N_TRAIN])
# one component: the Gaussian with the data's mean and covariance (divided by n)
gauss = mixture.GaussianMixture(1, reg_covar=0).fit(X_train).score(X_test)
print(f"Gaussian baseline, test log-likelihood: {gauss:.3f} nats/point")
mix = mixture.GaussianMixture(COMPONENTS, random_state=DATA_SEED).fit(X_train)
print(f"mixture baseline, test log-likelihood: {mix.score(X_test):.3f}")

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
# %% Training: minimise the negative log-likelihood, once per seed
def fit(seed):
    keras.utils.set_random_seed(seed)
    flow, adam = Flow(), keras.optimizers.Adam(LEARNING_RATE)
    weights = flow.trainable_variables
    adam.build(weights)  # its slots made eagerly: a faster trace below
    @tf.function  # one compiled graph per step
    def train_step(batch):
        with tf.GradientTape() as tape:
            loss = -tf.reduce_mean(flow.log_prob(batch))  # the NLL per point
        adam.apply_gradients(zip(tape.gradient(loss, weights), weights))
    for step in range(STEPS):
        train_step(X_train[np.random.randint(N_TRAIN, size=BATCH_SIZE)])
    return flow
flows = [fit(seed) for seed in SEEDS]
scores = [float(tf.reduce_mean(flow.log_prob(X_test))) for flow in flows]
print("flow, test log-likelihood by seed:", *[f"{v:.3f}" for v in scores])
print(f"flow, mean over seeds: {np.mean(scores):.3f}, spread "
      f"{np.ptp(scores):.3f}, gain {np.mean(scores) - gauss:.3f} nats/point")
# %% Samples (inverse pass from the base Gaussian) and the density, seed 0
keras.utils.set_random_seed(SEEDS[0])
samples = flows[0].inverse(tf.random.normal((N_TEST, 2))).numpy()
g1, g2 = np.meshgrid(np.linspace(-1.5, 2.5, 100), np.linspace(-1, 1.5, 80))
grid = np.c_[g1.ravel(), g2.ravel()].astype("float32")
density = np.exp(flows[0].log_prob(grid).numpy()).reshape(g1.shape)
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9, 3.2), sharey=True)
ax1.contourf(g1, g2, density, levels=20, cmap="Blues")
ax1.scatter(*X_test[:300].T, s=2, c="k")
ax1.set_title("flow density exp(log p), test points")
ax2.scatter(*X_test.T, s=2, c="k")
ax2.scatter(*samples.T, s=2, c="tab:orange")
ax2.set_title("samples inverse(z), z ~ N(0, I) (orange), data")
plt.show()
