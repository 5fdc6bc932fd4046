import numpy as np
import tensorflow as tf

np.set_printoptions(precision=5, suppress=True)
rng = np.random.default_rng(0)
X = rng.normal(size=(8, 3)).astype(np.float32)
y = rng.normal(size=(8, 1)).astype(np.float32)
W0, Ws, Wo = rng.normal(size=(3, 4)) * 0.5, rng.normal(size=(4, 4)) * 0.5, rng.normal(size=(4, 1)) * 0.5
b0, bs, bo = np.full(4, 0.1), np.full(4, 0.1), np.zeros(1)


def build(second, third):
    """3 -> 4 -> 4 -> 4 -> 1; the two middle layers are whatever objects we pass in."""
    net = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(4, activation="relu"),
                               second, third, tf.keras.layers.Dense(1)])
    net.layers[0].set_weights([W0, b0])
    net.layers[-1].set_weights([Wo, bo])
    return net


shared = tf.keras.layers.Dense(4, activation="relu")
net = build(shared, shared)  # one layer object used twice: tied parameters
shared.set_weights([Ws, bs])
print("middle layers are one object:", net.layers[1] is net.layers[2])
print("parameters:", net.count_params())

with tf.GradientTape() as tape:
    loss = tf.reduce_mean((net(X) - y) ** 2)
grad = tape.gradient(loss, shared.kernel)
print(f"loss: {float(loss):.6f}")
print("gradient of the tied weight (inputs x outputs):")
print(grad.numpy())

# The same network untied: two separate layers that start from the same values.
first, second = tf.keras.layers.Dense(4, activation="relu"), tf.keras.layers.Dense(4, activation="relu")
untied = build(first, second)
first.set_weights([Ws, bs])
second.set_weights([Ws, bs])
print("untied parameters:", untied.count_params())
with tf.GradientTape() as tape:
    loss = tf.reduce_mean((untied(X) - y) ** 2)
g1, g2 = tape.gradient(loss, [first.kernel, second.kernel])
print("max |tied gradient - (first use + second use)|:", float(tf.reduce_max(tf.abs(grad - (g1 + g2)))))
