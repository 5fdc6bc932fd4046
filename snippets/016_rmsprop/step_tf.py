import numpy as np
import tensorflow as tf

A = tf.constant([1.0, 25.0])  # the day-14 bowl f(w) = 0.5 * (w1^2 + 25 * w2^2)
w0 = np.array([-4.0, 1.0], dtype=np.float32)
lr, rho, eps, steps = 0.1, 0.9, 1e-10, 3


def gradient(w):
    with tf.GradientTape() as tape:
        loss = 0.5 * tf.reduce_sum(A * w**2)
    return tape.gradient(loss, w)


def built_in():
    w = tf.Variable(w0)
    # rho=0.9 is Keras's default; epsilon (default 1e-7, inside the root) set to match
    opt = tf.keras.optimizers.RMSprop(learning_rate=lr, rho=rho, epsilon=eps)
    path = []
    for _ in range(steps):
        opt.apply_gradients([(gradient(w), w)])
        path.append(w.numpy())
    return path


def by_hand():
    w, v = tf.Variable(w0), tf.zeros(2)
    path, rates = [], []
    for _ in range(steps):
        g = gradient(w)
        v = rho * v + (1 - rho) * g**2  # a decaying average of squared gradients, per parameter
        rate = lr / (tf.sqrt(v) + eps)
        w.assign_sub(rate * g)
        path.append(w.numpy())
        rates.append(rate.numpy())
    return path, rates


fmt = lambda w: np.array2string(w, precision=6, floatmode="fixed", separator=", ")
for t, (a, b, rate) in enumerate(zip(built_in(), *by_hand()), start=1):
    print(f"rmsprop step {t}: built-in {fmt(a)} by hand {fmt(b)} gap {np.abs(a - b).max():.1e}")
    print(f"rates step {t}: {fmt(rate)}")
