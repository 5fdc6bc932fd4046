import numpy as np
import tensorflow as tf

rng = np.random.default_rng(1)
logits = np.round(rng.normal(0.0, 2.0, size=(6, 4)), 2).astype(np.float32)  # 6 samples, 4 classes
labels = rng.integers(0, 4, size=6)
for i in range(6):
    print(f"sample {i}: label {labels[i]}, logits", " ".join(f"{v:g}" for v in logits[i]))

z, onehot = tf.Variable(logits), tf.one_hot(labels, 4)
with tf.GradientTape() as tape:
    p = tf.nn.softmax(z, axis=1)
    losses = {
        "by hand from probabilities": -tf.reduce_mean(tf.reduce_sum(onehot * tf.math.log(p), axis=1)),
        "by hand from logits": tf.reduce_mean(tf.reduce_logsumexp(z, axis=1) - tf.reduce_sum(onehot * z, axis=1)),
        "built in from probabilities": tf.keras.losses.CategoricalCrossentropy()(onehot, p),
        "built in from logits": tf.keras.losses.CategoricalCrossentropy(from_logits=True)(onehot, z),
        "built in from logits, integer labels": tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)(labels, z),
    }
for name, loss in losses.items():
    print(f"{name}: {float(loss):.6f}")
grad = tape.gradient(losses["built in from logits, integer labels"], z)  # (softmax(z) - onehot) / n
print("dloss/dlogits, sample 0:", " ".join(f"{v:.6f}" for v in grad.numpy()[0]))
