import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits

tf.keras.utils.set_random_seed(0)
X, y = load_digits(return_X_y=True)
X = (X / 16.0).astype(np.float32)
order = np.random.default_rng(0).permutation(len(X))
train, val, test = order[:300], order[300:800], order[800:]  # test is never used for decisions
model = tf.keras.Sequential([tf.keras.Input((64,)), tf.keras.layers.Dense(256, "relu"), tf.keras.layers.Dense(10)])
model.compile(optimizer=tf.keras.optimizers.Adam(1e-2),
              loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"])
max_epochs, patience = 200, 10

stopper = tf.keras.callbacks.EarlyStopping(monitor="val_loss", patience=patience, restore_best_weights=True)
fit = model.fit(X[train], y[train], batch_size=50, epochs=max_epochs, validation_data=(X[val], y[val]),
                validation_batch_size=500, callbacks=[stopper], verbose=0)
history = fit.history["val_loss"]
best_epoch, best = stopper.best_epoch, stopper.best

print(f"epochs run: {len(history)} of {max_epochs}")
print(f"best epoch: {best_epoch + 1}, val loss there: {best:.6f}")
print(f"val loss at the last epoch: {history[-1]:.6f}")
# the callback has already put the best weights back
val_loss, _ = model.evaluate(X[val], y[val], batch_size=500, verbose=0)
print(f"val loss after restoring the best weights: {val_loss:.6f}")
_, test_acc = model.evaluate(X[test], y[test], verbose=0)
print(f"test accuracy of the restored model: {test_acc:.3f}")

plt.plot(range(1, len(history) + 1), fit.history["loss"], label="training loss")
plt.plot(range(1, len(history) + 1), history, label="validation loss")
plt.axvline(best_epoch + 1, color="gray", linestyle="--", label=f"best epoch ({best_epoch + 1})")
plt.xlabel("epoch")
plt.ylabel("loss (log scale)")
plt.yscale("log")
plt.legend()
plt.show()
