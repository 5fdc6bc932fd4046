# %% Settings and eight predictions, the last one 10 off
import warnings

import numpy as np
import tensorflow as tf

DELTA = 1.0  # Huber: quadratic for |error| <= DELTA, linear beyond
BETA = 2.0  # for the smooth L1 pitfall, with Huber's delta set to it too
BIG_ERROR = 3.0  # an error larger than BETA
print(f"delta: {DELTA}, beta: {BETA}, big error: {BIG_ERROR}")
y_true = np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0], dtype=np.float32)
y_pred = np.array([1.5, 1.8, 3.4, 3.0, 5.2, 6.9, 7.1, 18.0], dtype=np.float32)
print("y_true:", " ".join(f"{v:g}" for v in y_true))
print("y_pred:", " ".join(f"{v:g}" for v in y_pred))

# %% The three losses by hand
targets, preds = tf.constant(y_true), tf.Variable(y_pred)
error = preds - targets
size = tf.abs(error)
by_hand = {
    "mse": tf.reduce_mean(error**2),
    "mae": tf.reduce_mean(size),
    "huber": tf.reduce_mean(
        tf.where(size <= DELTA, 0.5 * error**2, DELTA * (size - 0.5 * DELTA))
    ),
}

# %% Built in, and how hard each prediction is pulled
built_in = {
    "mse": tf.keras.losses.MeanSquaredError(),
    "mae": tf.keras.losses.MeanAbsoluteError(),
    "huber": tf.keras.losses.Huber(delta=DELTA),
}
for name, loss_fn in built_in.items():
    with tf.GradientTape() as tape:
        loss = loss_fn(targets, preds)  # Keras: (y_true, y_pred)
    grad = tape.gradient(loss, preds)
    print(f"{name}: by hand {float(by_hand[name]):.6f}, "
          f"built in {float(loss):.6f}")
    print(f"{name} dloss/dpred:", " ".join(f"{v:.6g}" for v in grad.numpy()))

# %% Three pitfalls, shown
col = np.array([[0.0], [1.0], [2.0]])  # float64, shape (3, 1)
row = col[:, 0]  # the same numbers, shape (3,)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    mse = tf.keras.losses.MeanSquaredError()(col, row)
print(f"MSE of (3, 1) against (3,), same numbers: {float(mse):.4f}")
print("warnings:", [w.category.__name__ for w in caught])
print("loss dtype from float64 inputs:", mse.dtype.name)
huber = float(tf.keras.losses.Huber(delta=BETA)([0.0], [BIG_ERROR]))
smooth_l1 = BIG_ERROR - 0.5 * BETA  # twins differ: Keras has no smooth L1
print(f"error 3, delta = beta = 2: huber {huber:.4f}, "
      f"smooth L1 {smooth_l1:.4f}")
