import tensorflow as tf

# Binary: a negative example (label 0) with logit 50. Exact loss log(1 + e^50) = 50, gradient sigmoid(50) = 1.
z, y = tf.Variable([50.0]), tf.constant([0.0])
with tf.GradientTape(persistent=True) as tape:
    p = tf.math.sigmoid(z)
    losses = {
        "by hand from probabilities": -tf.reduce_mean(y * tf.math.log(p) + (1 - y) * tf.math.log(1 - p)),
        "built in from probabilities": tf.keras.losses.BinaryCrossentropy()(y, p),
        "built in from logits": tf.keras.losses.BinaryCrossentropy(from_logits=True)(y, z),
    }
print("sigmoid(50) in float32:", float(p[0]))
for name, loss in losses.items():
    grad = tape.gradient(loss, z)
    print(f"binary, {name}: loss {float(loss):.4f}, gradient {float(grad[0]):.4f}")

# Categorical: logits (1000, 0, -1000), true class 1. Exact loss 1000, gradient (1, -1, 0).
z, onehot = tf.Variable([[1000.0, 0.0, -1000.0]]), tf.constant([[0.0, 1.0, 0.0]])
with tf.GradientTape(persistent=True) as tape:
    naive = tf.exp(z) / tf.reduce_sum(tf.exp(z), axis=1, keepdims=True)  # exp(1000) overflows to inf
    p = tf.nn.softmax(z, axis=1)  # subtracts the max first: (1, 0, 0), no overflow
    losses = {
        "by hand, naive softmax": -tf.reduce_mean(tf.reduce_sum(onehot * tf.math.log(naive), axis=1)),
        "built in from probabilities": tf.keras.losses.CategoricalCrossentropy()(onehot, p),
        "built in from logits": tf.keras.losses.CategoricalCrossentropy(from_logits=True)(onehot, z),
    }
print("naive softmax:", naive.numpy()[0], "stable softmax:", p.numpy()[0])
for name, loss in losses.items():
    grad = tape.gradient(loss, z)
    print(f"categorical, {name}: loss {float(loss):.4f}, gradient", " ".join(f"{v:.4f}" for v in grad.numpy()[0]))
