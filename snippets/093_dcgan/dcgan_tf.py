# %% Imports
import os
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # quiet C++ logs
import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from keras import layers
from sklearn.datasets import load_digits
from sklearn.linear_model import LogisticRegression

tf.config.optimizer.set_experimental_options({"remapping": False})  # page
# %% Settings
DATA_SEED, SEEDS = 0, (0, 1, 2)  # the split; one GAN per seed
N_TRAIN, N_SAMPLES = 1297, 500  # training digits; samples scored per seed
LATENT = 16  # size of the noise vector z
BATCH_SIZE = 64
STEPS = 300  # generator updates (one discriminator update each)
LEARNING_RATE = 0.002  # Adam; ten times the paper's 2e-4, for 300 steps
BETA_1 = 0.5  # Adam's first-moment decay, as in the paper
BN_MOMENTUM = 0.9  # batch norm's running averages keep 90% per step
for name in ["DATA_SEED", "SEEDS", "N_TRAIN", "N_SAMPLES", "LATENT",
             "BATCH_SIZE", "STEPS", "LEARNING_RATE", "BETA_1", "BN_MOMENTUM"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
# %% Data in [-1, 1] and the judge, as in the first script
X, y = load_digits(return_X_y=True)
order = np.random.default_rng(DATA_SEED).permutation(len(X))
X, y = X[order] / 8.0 - 1.0, y[order]
judge = LogisticRegression(max_iter=2000).fit(X[:N_TRAIN], y[:N_TRAIN])
real = tf.constant(X[:N_TRAIN].reshape(-1, 8, 8, 1), dtype=tf.float32)

def report(label, images):  # classes with 2% or more, mean top probability
    probs = judge.predict_proba(np.asarray(images).reshape(-1, 64))
    counts = np.bincount(probs.argmax(axis=1), minlength=10)
    classes = (counts >= 0.02 * len(probs)).sum()
    confidence = probs.max(axis=1).mean()
    print(f"{label}: classes {classes}, confidence {confidence:.3f}")
    print("  per class:", " ".join(f"{c:3d}" for c in counts))
    return classes, confidence
# %% Generator (transposed convolutions, batch norm) and discriminator
def generator():
    return keras.Sequential([
        keras.Input((LATENT,)), layers.Dense(2 * 2 * 32),
        layers.Reshape((2, 2, 32)),
        layers.BatchNormalization(momentum=BN_MOMENTUM), layers.ReLU(),
        layers.Conv2DTranspose(16, 4, strides=2, padding="same"),  # 4x4
        layers.BatchNormalization(momentum=BN_MOMENTUM), layers.ReLU(),
        layers.Conv2DTranspose(1, 4, strides=2, padding="same",
                               activation="tanh")])  # 8x8
def discriminator():
    return keras.Sequential([keras.Input((8, 8, 1)),
        layers.Conv2D(16, 4, strides=2, padding="same"), layers.LeakyReLU(0.2),
        layers.Conv2D(32, 4, strides=2, padding="same"), layers.LeakyReLU(0.2),
        layers.Flatten(), layers.Dense(1)])  # a logit: real or fake
# %% One training step: the discriminator, then the generator
bce = keras.losses.BinaryCrossentropy(from_logits=True)
def train_step(G, D, opt_g, opt_d, batch):
    with tf.GradientTape() as tape_d, tf.GradientTape() as tape_g:
        fake = G(tf.random.normal((BATCH_SIZE, LATENT)), training=True)
        logits = D(tf.concat([batch, fake], 0))  # one call, both halves
        real_logit, fake_logit = tf.split(logits, 2)
        d_loss = (bce(tf.ones_like(real_logit), real_logit)
                  + bce(tf.zeros_like(fake_logit), fake_logit))
        g_loss = bce(tf.ones_like(fake_logit), fake_logit)  # fakes real
    for tape, loss, opt, net in [(tape_d, d_loss, opt_d, D),
                                 (tape_g, g_loss, opt_g, G)]:
        weights = net.trainable_variables
        opt.apply(tape.gradient(loss, weights), weights)
# %% The training loop: STEPS minibatches drawn with replacement
def train(G, D, opt_g, opt_d):  # run as one graph: no Python per step
    for step in tf.range(STEPS):
        index = tf.random.uniform((BATCH_SIZE,), 0, N_TRAIN, tf.int32)
        train_step(G, D, opt_g, opt_d, tf.gather(real, index))
# %% Train one GAN per seed; score 500 samples before and after training
def sample(G):  # training=False: batch norm uses its running statistics
    return G(tf.random.normal((N_SAMPLES, LATENT)), training=False).numpy()
results, grids = [], []
for seed in SEEDS:
    keras.utils.set_random_seed(seed)
    G, D = generator(), discriminator()
    report(f"seed {seed}, untrained G", sample(G))
    opt_g = keras.optimizers.Adam(LEARNING_RATE, BETA_1, 0.999)
    opt_d = keras.optimizers.Adam(LEARNING_RATE, BETA_1, 0.999)
    tf.function(train)(G, D, opt_g, opt_d)  # a new graph for new models
    images = sample(G)
    results.append(report(f"seed {seed}, trained G", images))
    grids.append(images[:10])
classes, confidence = np.array(results).T
print(f"classes: mean {classes.mean():.1f}, min {classes.min():.0f}; "
      f"confidence: mean {confidence.mean():.3f}, min {confidence.min():.3f}")
# %% Sample grid: ten samples per seed above ten held-out real digits
rows = [*grids, X[N_TRAIN:N_TRAIN + 10].reshape(10, 8, 8, 1)]
fig, axes = plt.subplots(len(rows), 10, figsize=(6, 2.6))
for ax, image in zip(axes.flat, np.concatenate(rows)):
    ax.imshow(image[..., 0], cmap="gray_r", vmin=-1, vmax=1)
    ax.axis("off")
fig.suptitle("TensorFlow DCGAN: samples for seeds 0, 1, 2; real digits last")
plt.show()
