# %% Settings: the ring and the metrics
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
def show(names):  # print settings as "label: value" lines
    for name in names.split():
        print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
DATA_SEED = 0  # the ring data and the evaluation draws
MODES = 8  # Gaussians on a ring (Metz et al. 2017)
RADIUS = 2.0
STD = 0.05  # of each Gaussian
N_DATA = 10000
N_EVAL = 2000  # samples scored per seed
NEAR = 0.15  # 3 STD: a sample this close to a centre is "high quality"
MIN_COUNT = 20  # a mode is reached by at least this many near samples
show("DATA_SEED MODES RADIUS STD N_DATA N_EVAL NEAR MIN_COUNT")

# %% Settings: the networks and their training
SEEDS = (0, 1, 2)  # weights, noise and batches: one GAN per seed
LATENT = 2
HIDDEN = 64
BATCH_SIZE = 256
STEPS = 900  # one discriminator and one generator update each
LEARNING_RATE = 0.002  # Adam, both networks
BETA_1 = 0.5
show("SEEDS LATENT HIDDEN BATCH_SIZE STEPS LEARNING_RATE BETA_1")

# %% Data: 8 Gaussians on a ring, and the two metrics
rng = np.random.default_rng(DATA_SEED)
angles = 2 * np.pi * np.arange(MODES) / MODES
CENTRES = RADIUS * np.stack([np.cos(angles), np.sin(angles)], 1)
def ring(n):
    return CENTRES[rng.integers(MODES, size=n)] + STD * rng.normal(size=(n, 2))
X = tf.constant(ring(N_DATA), dtype=tf.float32)
def coverage(samples):  # modes reached, share of samples near a mode
    dist = np.linalg.norm(samples[:, None] - CENTRES[None], axis=2)
    near = dist.min(1) < NEAR
    counts = np.bincount(dist.argmin(1)[near], minlength=MODES)
    return int((counts >= MIN_COUNT).sum()), near.mean()

# %% Baselines: the data itself and a wide Gaussian
for name, s in [("data", ring(N_EVAL)),
                ("wide Gaussian", RADIUS * rng.normal(size=(N_EVAL, 2)))]:
    modes, quality = coverage(s)
    print(f"{name}: modes reached {modes}, high quality {quality:.3f}")

# %% Generator and discriminator: small MLPs
def mlp(n_in, n_out):
    dense = tf.keras.layers.Dense
    return tf.keras.Sequential([tf.keras.Input((n_in,)),
        dense(HIDDEN, "relu"), dense(HIDDEN, "relu"), dense(n_out)])
bce = tf.keras.losses.BinaryCrossentropy(from_logits=True)  # on logits
# %% One GAN step: D, then G
def train_step(G, D, opt_g, opt_d, real):  # traced inside `train`, below
    z = tf.random.normal((tf.shape(real)[0], LATENT))
    with tf.GradientTape() as d_tape, tf.GradientTape() as g_tape:
        fake = G(z)
        d_real, d_fake = D(real), D(fake)
        d_loss = (bce(tf.ones_like(d_real), d_real)
                  + bce(tf.zeros_like(d_fake), d_fake))
        g_loss = bce(tf.ones_like(d_fake), d_fake)  # non-saturating
    d_grads = d_tape.gradient(d_loss, D.trainable_variables)
    g_grads = g_tape.gradient(g_loss, G.trainable_variables)
    opt_d.apply_gradients(zip(d_grads, D.trainable_variables))
    opt_g.apply_gradients(zip(g_grads, G.trainable_variables))

# %% Training, with coverage at checkpoints
def train(seed):  # the samples at each checkpoint
    tf.keras.utils.set_random_seed(seed)
    G, D = mlp(LATENT, 2), mlp(2, 1)
    opt_g, opt_d = (tf.keras.optimizers.Adam(LEARNING_RATE, BETA_1, 0.999)
                    for net in (G, D))
    opt_g.build(G.trainable_variables), opt_d.build(D.trainable_variables)
    @tf.function  # the loop in one graph, traced once per seed (after build)
    def run(steps):
        for _ in tf.range(steps):
            idx = tf.random.uniform((BATCH_SIZE,), 0, N_DATA, tf.int32)
            train_step(G, D, opt_g, opt_d, tf.gather(X, idx))
    def checkpoint():  # STEPS // 3 more steps, then samples
        run(tf.constant(STEPS // 3))
        return G(tf.random.normal((N_EVAL, LATENT))).numpy()
    return [checkpoint() for _ in range(3)]  # the last after STEPS

# %% One GAN per seed
samples = {seed: train(seed) for seed in SEEDS}  # the last after STEPS
for seed, history in samples.items():
    print(f"seed {seed}: modes at checkpoints",
          *[coverage(s)[0] for s in history])
    modes, quality = coverage(history[-1])
    print(f"seed {seed}: modes reached {modes}, high quality {quality:.3f}")

# %% Samples over the data, one panel per seed
fig, axes = plt.subplots(1, len(SEEDS), figsize=(9, 3.2))
for ax, seed in zip(axes, SEEDS):
    ax.scatter(*X[:N_EVAL].numpy().T, s=2, c="lightgray", label="data")
    ax.scatter(*samples[seed][-1].T, s=2, c="C3", label="GAN")
    ax.set(title=f"seed {seed}", aspect="equal", xticks=[], yticks=[])
axes[0].legend(loc="center", markerscale=4)
fig.suptitle(f"TensorFlow: GAN samples after {STEPS} steps, over the data")
plt.show()
