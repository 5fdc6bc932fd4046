import numpy as np
import tensorflow as tf

logits = np.array([2.5, -1.0, 0.3, -3.2, 4.0, 0.0, -0.7, 1.6], dtype=np.float32)
labels = np.array([1, 0, 0, 0, 1, 1, 1, 0], dtype=np.float32)
print("logits:", " ".join(f"{v:g}" for v in logits))
print("labels:", " ".join(f"{v:g}" for v in labels))

z, y = tf.Variable(logits), tf.constant(labels)
with tf.GradientTape() as tape:
    p = tf.math.sigmoid(z)
    losses = {
        "by hand from probabilities": -tf.reduce_mean(y * tf.math.log(p) + (1 - y) * tf.math.log(1 - p)),
        "by hand from logits": tf.reduce_mean(tf.maximum(z, 0.0) - z * y + tf.math.log1p(tf.exp(-tf.abs(z)))),
        "built in from probabilities": tf.keras.losses.BinaryCrossentropy()(y, p),
        "built in from logits": tf.keras.losses.BinaryCrossentropy(from_logits=True)(y, z),
    }
for name, loss in losses.items():
    print(f"{name}: {float(loss):.6f}")
grad = tape.gradient(losses["built in from logits"], z)  # (sigmoid(z) - y) / n
print("dloss/dlogits:", " ".join(f"{v:.6f}" for v in grad.numpy()))
