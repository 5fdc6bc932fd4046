# %% Eight logits and their labels
import numpy as np
import tensorflow as tf

logits = np.array([2.5, -1.0, 0.3, -3.2, 4.0, 0.0, -0.7, 1.6], dtype=np.float32)
labels = np.array([1, 0, 0, 0, 1, 1, 1, 0], dtype=np.float32)
print("logits:", " ".join(f"{v:g}" for v in logits))
print("labels:", " ".join(f"{v:g}" for v in labels))

# %% Binary cross-entropy four ways
z, y = tf.Variable(logits), tf.constant(labels)
bce = tf.keras.losses.BinaryCrossentropy
with tf.GradientTape() as tape:
    p = tf.math.sigmoid(z)
    losses = {
        "by hand from probabilities": -tf.reduce_mean(
            y * tf.math.log(p) + (1 - y) * tf.math.log(1 - p)
        ),
        # max(z, 0) - yz + log(1 + e^-|z|)
        "by hand from logits": tf.reduce_mean(
            tf.maximum(z, 0.0) - z * y + tf.math.log1p(tf.exp(-tf.abs(z)))
        ),
        "built in from probabilities": bce()(y, p),
        "built in from logits": bce(from_logits=True)(y, z),
    }
for name, loss in losses.items():
    print(f"{name}: {float(loss):.6f}")

# %% The gradient: (sigmoid(z) - y) / n
grad = tape.gradient(losses["built in from logits"], z)
print("dloss/dlogits:", " ".join(f"{v:.6f}" for v in grad.numpy()[:4]))
print("              ", " ".join(f"{v:.6f}" for v in grad.numpy()[4:]))
