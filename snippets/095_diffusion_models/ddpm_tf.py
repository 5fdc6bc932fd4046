# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import keras
import tensorflow as tf
T = 100  # diffusion steps, the schedule of the forward snippet
BETA_START = 0.001
BETA_END = 0.2
DATA_SEED = 0
N_TRAIN = 4000  # training points; held-out and second draw: N_EVAL each
N_EVAL = 1000  # also the number of samples and of noise points
HIDDEN = 64  # two hidden layers
EMBED_DIM = 16  # sinusoidal embedding of t
BATCH_SIZE = 512
STEPS = 1000  # Adam steps per seed
LEARNING_RATE = 0.003
SEEDS = (0, 1, 2)  # initial weights, batches, noise, samples
for name in ("T BETA_START BETA_END DATA_SEED N_TRAIN N_EVAL HIDDEN EMBED_DIM"
             " BATCH_SIZE STEPS LEARNING_RATE SEEDS").split():
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
# %% The noise schedule and the data: two moons, as in the forward snippet
betas = tf.linspace(BETA_START, BETA_END, T)  # index t - 1 for step t
alpha_bar = tf.math.cumprod(1 - betas)
def two_moons(n, rng):
    upper, angle = rng.integers(0, 2, n) == 1, rng.uniform(0, np.pi, n)
    x = np.where(upper, np.cos(angle), 1 - np.cos(angle))
    y = np.where(upper, np.sin(angle), 0.5 - np.sin(angle))
    return np.stack([x, y], 1) + rng.normal(0, 0.1, (n, 2))
raw = two_moons(N_TRAIN + 2 * N_EVAL, np.random.default_rng(DATA_SEED))
mu, sd = raw[:N_TRAIN].mean(0), raw[:N_TRAIN].std(0)  # the training points'
data = np.float32((raw - mu) / sd)
train, held_out, second = np.split(data, [N_TRAIN, N_TRAIN + N_EVAL])
# %% Energy distance (Szekely & Rizzo 2013), in NumPy
def mean_dist(a, b):  # the mean of |a_i - b_j| over all pairs
    return np.sqrt(((a[:, None] - b[None]) ** 2).sum(-1)).mean()
def energy_distance(a, b):
    return 2 * mean_dist(a, b) - mean_dist(a, a) - mean_dist(b, b)
floor = energy_distance(second, held_out)  # data against data
print(f"energy distance, second data draw vs held-out: {floor:.4f}")
redraws = [energy_distance(np.float32((two_moons(N_EVAL, np.random.default_rng(
    s)) - mu) / sd), held_out) for s in range(1, 6)]  # data seeds 1 to 5
print(f"five more draws: mean {np.mean(redraws):.4f}, max {max(redraws):.4f}")
# %% The noise predictor: an MLP on x_t and an embedding of t
def embed(t):  # t: integer steps 1..T, shape (n,)
    half = tf.range(EMBED_DIM // 2, dtype=tf.float32) / (EMBED_DIM // 2)
    angles = tf.cast(t, tf.float32)[:, None] * tf.exp(-np.log(1000) * half)
    return tf.concat([tf.sin(angles), tf.cos(angles)], 1)
def denoiser():  # predicts eps from [x_t, embed(t)]
    return keras.Sequential([keras.Input((2 + EMBED_DIM,)),
        keras.layers.Dense(HIDDEN, "silu"), keras.layers.Dense(HIDDEN, "silu"),
        keras.layers.Dense(2)])
# %% Training: the simple loss |eps - eps_theta(x_t, t)|^2
def fit(seed):
    keras.utils.set_random_seed(seed)
    model, n = denoiser(), STEPS * BATCH_SIZE  # n fresh (x_0, t, eps)
    x_0 = tf.gather(train, tf.random.uniform((n,), 0, N_TRAIN, "int32"))
    t = tf.random.uniform((n,), 1, T + 1, "int32")
    eps, ab = tf.random.normal((n, 2)), tf.gather(alpha_bar, t - 1)[:, None]
    x_t = tf.sqrt(ab) * x_0 + tf.sqrt(1 - ab) * eps  # the closed form
    model.compile(keras.optimizers.Adam(LEARNING_RATE), "mse",
                  steps_per_execution=50)  # 50 Adam steps per graph call
    model.fit(tf.concat([x_t, embed(t)], 1), eps, BATCH_SIZE, verbose=0)
    return model
# %% Sampling: from pure noise, T denoising steps (Ho et al., Algorithm 2)
@tf.function  # the whole loop as one graph (AutoGraph: tf.while_loop)
def reverse(model, z):  # z[T] is x_T, z[t - 1] the noise of step t
    x, n = z[T], tf.shape(z)[1]
    for t in tf.range(T, 0, -1):
        beta, ab = betas[t - 1], alpha_bar[t - 1]
        eps = model(tf.concat([x, embed(tf.fill((n,), t))], 1))
        x = (x - beta / tf.sqrt(1 - ab) * eps) / tf.sqrt(1 - beta)
        if t > 1:  # add noise with sigma_t^2 = beta_t
            x = x + tf.sqrt(beta) * z[t - 1]
    return x
def sample(model, n):  # the noise drawn eagerly: reproducible from the seed
    return reverse(model, tf.random.normal((T + 1, n, 2))).numpy()
# %% Every seed: samples against held-out data, beside floor and ceiling
import time
results, times = [], []
print("seed  samples vs held-out  noise vs held-out")
for seed in SEEDS:
    start = time.perf_counter()
    samples = sample(fit(seed), N_EVAL)  # train, then sample
    times.append(time.perf_counter() - start)
    noise = np.random.default_rng(seed).normal(size=(N_EVAL, 2))
    ed, ceiling = (energy_distance(s, held_out) for s in (samples, noise))
    results.append((ed, ceiling))
    print(f"{seed:4d} {ed:20.4f} {ceiling:18.4f}")
mean, spread = np.mean(results, 0), np.std(results, 0)
print(f"samples: mean {mean[0]:.4f}, std {spread[0]:.4f}")
print(f"worst samples / noise ratio: {max(e / c for e, c in results):.2f}")
# %% Time per seed
# verified: timing
print(f"this machine: {np.mean(times):.1f} s per seed, training and sampling")
# %% The samples of the last seed over the held-out data
fig, ax = plt.subplots(figsize=(4.5, 4))
ax.scatter(*held_out.T, s=3, c="grey")
ax.scatter(*samples.T, s=3, c="tab:orange")
ax.set(title=f"DDPM samples (orange, seed {seed})\nover held-out data (grey)")
plt.show()
