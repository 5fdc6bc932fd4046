import numpy as np
import tensorflow as tf

A = tf.constant([1.0, 25.0])  # the day-14 bowl f(w) = 0.5 * (w1^2 + 25 * w2^2)
w0 = np.array([-4.0, 1.0], dtype=np.float32)
lr, eps, steps = 0.1, 1e-10, 3


def gradient(w):
    with tf.GradientTape() as tape:
        loss = 0.5 * tf.reduce_sum(A * w**2)
    return tape.gradient(loss, w)


def built_in():
    w = tf.Variable(w0)
    # Keras's defaults (initial_accumulator_value=0.1, epsilon=1e-7) set to PyTorch's
    opt = tf.keras.optimizers.Adagrad(learning_rate=lr, initial_accumulator_value=0.0, epsilon=eps)
    path = []
    for _ in range(steps):
        opt.apply_gradients([(gradient(w), w)])
        path.append(w.numpy())
    return path


def by_hand():
    w, G = tf.Variable(w0), tf.zeros(2)
    path, rates = [], []
    for _ in range(steps):
        g = gradient(w)
        G = G + g**2  # the sum of all squared gradients so far, per parameter
        rate = lr / (tf.sqrt(G) + eps)
        w.assign_sub(rate * g)
        path.append(w.numpy())
        rates.append(rate.numpy())
    return path, rates


fmt = lambda w: np.array2string(w, precision=6, floatmode="fixed", separator=", ")
print("gradient at w0:", fmt(gradient(tf.Variable(w0)).numpy()))
for t, (a, b, rate) in enumerate(zip(built_in(), *by_hand()), start=1):
    print(f"adagrad step {t}: built-in {fmt(a)} by hand {fmt(b)} gap {np.abs(a - b).max():.1e}")
    print(f"rates step {t}: {fmt(rate)}")
