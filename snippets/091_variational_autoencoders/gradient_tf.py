# %% Settings: z ~ N(mu, sigma^2) and f(z) = z^2
import math

import matplotlib.pyplot as plt
import tensorflow as tf

SEED = 0
MU = 1.0
SIGMA = 0.5
N_SAMPLES = 100000  # Monte Carlo draws per estimate
for name in ["SEED", "MU", "SIGMA", "N_SAMPLES"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")


def f(z):
    return z**2  # E[f(z)] = mu^2 + sigma^2, so the exact gradient is known


def log_q(z, mu, sigma):  # the log-density of N(mu, sigma^2)
    return -tf.math.log(sigma) - 0.5 * math.log(2 * math.pi) - 0.5 * (
        (z - mu) / sigma) ** 2


# %% One copy of (mu, sigma) per draw: autograd gives per-draw gradients
tf.keras.utils.set_random_seed(SEED)
eps = tf.random.normal([N_SAMPLES], dtype=tf.float64)


def params():
    mu = tf.Variable(tf.fill([N_SAMPLES], tf.constant(MU, tf.float64)))
    sigma = tf.Variable(tf.fill([N_SAMPLES], tf.constant(SIGMA, tf.float64)))
    return mu, sigma


mu, sigma = params()  # reparameterised: z = mu + sigma * eps
with tf.GradientTape() as tape:
    total = tf.reduce_sum(f(mu + sigma * eps))
reparam = tf.stack(tape.gradient(total, [mu, sigma]), 1)
mu, sigma = params()  # score function: f(z) * d log q(z) / d(mu, sigma)
z = tf.stop_gradient(mu + sigma * eps)  # no gradient flows through the sample
with tf.GradientTape() as tape:
    total = tf.reduce_sum(f(z) * log_q(z, mu, sigma))
score = tf.stack(tape.gradient(total, [mu, sigma]), 1)

# %% Both estimators against the exact gradient (2 mu, 2 sigma)
exact = tf.constant([2 * MU, 2 * SIGMA], dtype=tf.float64)
print(f"{'gradient':>16} {'d/dmu':>8} {'s.e.':>7} {'d/dsigma':>9} {'s.e.':>7}")
print(f"{'exact':>16} {exact[0]:8.4f} {'':>7} {exact[1]:9.4f}")
ses = {}
for name, grads in [("reparameterised", reparam), ("score function", score)]:
    mean = tf.reduce_mean(grads, 0)  # the sample std, as torch.std (n - 1)
    se = tf.math.reduce_std(grads, 0) * math.sqrt(N_SAMPLES / (N_SAMPLES - 1))
    se = se / math.sqrt(N_SAMPLES)
    ses[name] = se
    print(f"{name:>16} {mean[0]:8.4f} {se[0]:7.4f} {mean[1]:9.4f} "
          f"{se[1]:7.4f}")
    z_scores = tf.abs((mean - exact) / se)
    within = bool(tf.reduce_all(z_scores < 3))
    print(f"{name}: within 3 s.e. of exact: {within}")
ratio = (ses["score function"] / ses["reparameterised"]) ** 2
print(f"variance ratio (score / reparam): mu {ratio[0]:.1f}, "
      f"sigma {ratio[1]:.1f}")

# %% The KL term: closed form against Monte Carlo, for q = N(mu, sigma^2)
log_p = -0.5 * math.log(2 * math.pi) - 0.5 * z**2  # the prior N(0, 1)
mu, sigma = (tf.constant(v, tf.float64) for v in (MU, SIGMA))
draws = log_q(z, mu, sigma) - log_p
kl_mc = tf.reduce_mean(draws)
kl_se = tf.math.reduce_std(draws) * math.sqrt(1 / (N_SAMPLES - 1))
kl = 0.5 * (MU**2 + SIGMA**2 - 1 - math.log(SIGMA**2))
print(f"KL closed form: {kl:.4f}")
print(f"KL Monte Carlo: {kl_mc:.4f} (s.e. {kl_se:.4f})")
print(f"KL within 3 s.e.: {bool(abs(kl_mc - kl) < 3 * kl_se)}")

# %% What the per-draw gradients look like
g_mu = score[:, 0].numpy()  # the score-function draws of d/dmu
near, tail = abs(g_mu) < 1, g_mu > 12  # 12: the histogram's right edge
sq = (g_mu - g_mu.mean()) ** 2  # each draw's part of the variance
print(f"score draws of d/dmu within 1 of 0: {near.mean():.0%}")
print(f"score draws of d/dmu above 12: {tail.mean():.1%}")
print(f"  their share of the mean: {g_mu[tail].sum() / g_mu.sum():.0%}, "
      f"of the variance: {sq[tail].sum() / sq.sum():.0%}")
fig, ax = plt.subplots(figsize=(6, 3))
for name, grads in [("score function", score), ("reparameterised", reparam)]:
    ax.hist(grads[:, 0].numpy(), bins=130, range=(-1, 12), alpha=0.6,
            label=name)
ax.axvline(exact[0], color="black", label="exact 2 mu")
ax.set_xlabel("per-draw estimate of d E[z^2] / d mu (shown from -1 to 12)")
ax.legend()
ax.set_title("TensorFlow: the two gradient estimators, one draw each")
plt.show()
