import numpy as np
import tensorflow as tf

A = tf.constant([1.0, 25.0])  # f(w) = 0.5 * (1 * w1^2 + 25 * w2^2): an ill-conditioned bowl
w0 = np.array([-4.0, 1.0], dtype=np.float32)
lr, mu, steps = 0.05, 0.7, 3


def gradient(w):
    with tf.GradientTape() as tape:
        loss = 0.5 * tf.reduce_sum(A * w**2)
    return tape.gradient(loss, w)


def built_in(momentum, nesterov):
    w = tf.Variable(w0)
    opt = tf.keras.optimizers.SGD(learning_rate=lr, momentum=momentum, nesterov=nesterov)
    path = []
    for _ in range(steps):
        opt.apply_gradients([(gradient(w), w)])
        path.append(w.numpy())
    return path


def by_hand(momentum, nesterov):
    w, b = tf.Variable(w0), tf.zeros(2)
    path = []
    for _ in range(steps):
        g = gradient(w)
        b = momentum * b + g  # the velocity buffer starts at zero
        w.assign_sub(lr * ((g + momentum * b) if nesterov else b))
        path.append(w.numpy())
    return path


fmt = lambda w: np.array2string(w, precision=6, floatmode="fixed", separator=", ")
methods = [("sgd", 0.0, False), ("heavy-ball", mu, False), ("nesterov", mu, True)]
for name, momentum, nesterov in methods:
    pairs = zip(built_in(momentum, nesterov), by_hand(momentum, nesterov))
    for t, (a, b) in enumerate(pairs, start=1):
        print(f"{name} step {t}: built-in {fmt(a)} by hand {fmt(b)} gap {np.abs(a - b).max():.1e}")
