# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits

SEED = 0
N_TRAIN, N_VAL = 300, 500  # the rest (997 digits) is the test set
HIDDEN = 256
LEARNING_RATE = 0.01
BATCH_SIZE = 50
MAX_EPOCHS = 200
PATIENCE = 10
names = "SEED N_TRAIN N_VAL HIDDEN LEARNING_RATE BATCH_SIZE MAX_EPOCHS PATIENCE"
for name in names.split():
    print(f"{name}: {globals()[name]}")

# %% Data
tf.keras.utils.set_random_seed(SEED)
X, y = load_digits(return_X_y=True)
X = (X / 16.0).astype(np.float32)
order = np.random.default_rng(SEED).permutation(len(X))
train, val = order[:N_TRAIN], order[N_TRAIN : N_TRAIN + N_VAL]
test = order[N_TRAIN + N_VAL :]  # never used for a decision
print(f"train, validation, test: {len(train)}, {len(val)}, {len(test)}")

# %% Model
model = tf.keras.Sequential(
    [
        tf.keras.Input((64,)),
        tf.keras.layers.Dense(HIDDEN, "relu"),
        tf.keras.layers.Dense(10),
    ]
)

# %% Optimizer and loss
model.compile(
    optimizer=tf.keras.optimizers.Adam(LEARNING_RATE),
    loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
)

# %% Training with early stopping
stopper = tf.keras.callbacks.EarlyStopping(
    monitor="val_loss", patience=PATIENCE, restore_best_weights=True
)
fit = model.fit(
    X[train], y[train], batch_size=BATCH_SIZE, epochs=MAX_EPOCHS,
    validation_data=(X[val], y[val]), validation_batch_size=N_VAL,
    callbacks=[stopper], verbose=0,
)
history = fit.history["val_loss"]
train_history = fit.history["loss"]
best_epoch, best = stopper.best_epoch + 1, stopper.best  # epochs from 1

# %% Results
print(f"epochs run: {len(history)} of {MAX_EPOCHS}")
print(f"best epoch: {best_epoch}, val loss there: {best:.6f}")
print(f"val loss at the last epoch: {history[-1]:.6f}")
# the callback has already put the best weights back
val_loss = model.evaluate(X[val], y[val], batch_size=N_VAL, verbose=0)
print(f"val loss after restoring the best weights: {val_loss:.6f}")
guess = np.argmax(model.predict(X[test], verbose=0), axis=1)
print(f"test accuracy of the restored model: {np.mean(guess == y[test]):.3f}")

# %% A saved state: copy or reference?
saved = model.get_weights()  # NumPy copies
model.layers[0].bias.assign_add(tf.ones(HIDDEN))  # a later update
follows = np.array_equal(saved[1], model.layers[0].bias.numpy())
print(f"the saved state follows a later update: {follows}")
model.set_weights(saved)
val_loss = model.evaluate(X[val], y[val], batch_size=N_VAL, verbose=0)
print(f"after set_weights(saved), val loss: {val_loss:.6f}")
default = tf.keras.callbacks.EarlyStopping().restore_best_weights
print(f"EarlyStopping restores the best weights by default: {default}")

# %% Figure
epochs = range(1, len(history) + 1)
fig, ax = plt.subplots()
ax.plot(epochs, train_history, label="training loss")
ax.plot(epochs, history, label="validation loss")
ax.axvline(best_epoch, color="gray", linestyle="--", label="best epoch")
ax.set(xlabel="epoch", ylabel="loss (log scale)", yscale="log")
ax.set_title("Early stopping: validation loss bottoms out, training stops")
ax.legend()
plt.show()
