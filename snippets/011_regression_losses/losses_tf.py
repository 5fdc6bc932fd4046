import numpy as np
import tensorflow as tf

y_true = np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0], dtype=np.float32)
y_pred = np.array([1.5, 1.8, 3.4, 3.0, 5.2, 6.9, 7.1, 18.0], dtype=np.float32)  # the last prediction is 10 off
delta = 1.0  # Huber: quadratic for |error| <= delta, linear beyond
print("y_true:", " ".join(f"{v:g}" for v in y_true))
print("y_pred:", " ".join(f"{v:g}" for v in y_pred))

targets, preds = tf.constant(y_true), tf.Variable(y_pred)
error = preds - targets
by_hand = {
    "mse": tf.reduce_mean(error**2),
    "mae": tf.reduce_mean(tf.abs(error)),
    "huber": tf.reduce_mean(tf.where(tf.abs(error) <= delta, 0.5 * error**2, delta * (tf.abs(error) - 0.5 * delta))),
}
built_in = {
    "mse": tf.keras.losses.MeanSquaredError(),
    "mae": tf.keras.losses.MeanAbsoluteError(),
    "huber": tf.keras.losses.Huber(delta=delta),
}
for name, loss_fn in built_in.items():
    with tf.GradientTape() as tape:
        loss = loss_fn(targets, preds)
    grad = tape.gradient(loss, preds)  # how hard each prediction is pushed
    print(f"{name}: by hand {float(by_hand[name]):.6f}, built in {float(loss):.6f}")
    print(f"{name} dloss/dpred:", " ".join(f"{v:.6g}" for v in grad.numpy()))
