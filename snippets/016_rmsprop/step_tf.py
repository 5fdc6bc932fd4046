# %% Settings
import numpy as np
import tensorflow as tf

CURVATURES = (1.0, 25.0)  # the day-14 bowl, f(w) = 0.5 * (w1^2 + 25 * w2^2)
W0 = (-4.0, 1.0)  # the start
LR, RHO, EPS, STEPS = 0.1, 0.9, 1e-10, 3  # rate, decay, epsilon, steps
print(f"curvatures: {CURVATURES}, start: {W0}")
print(f"learning rate: {LR}, rho: {RHO}, epsilon: {EPS}, steps: {STEPS}")
A, w0 = tf.constant(CURVATURES), np.array(W0, np.float32)


def gradient(w):
    with tf.GradientTape() as tape:
        loss = 0.5 * tf.reduce_sum(A * w**2)
    return tape.gradient(loss, w)


# %% The built-in optimizer
def built_in():
    w = tf.Variable(w0)
    # rho=0.9 is Keras's default; epsilon (default 1e-7, inside the root)
    # set to match the PyTorch twin
    opt = tf.keras.optimizers.RMSprop(learning_rate=LR, rho=RHO, epsilon=EPS)
    path = []
    for _ in range(STEPS):
        opt.apply_gradients([(gradient(w), w)])
        path.append(w.numpy())
    return path


# %% The update written by hand
def by_hand():
    w, v = tf.Variable(w0), tf.zeros(2)
    path, rates = [], []
    for _ in range(STEPS):
        g = gradient(w)
        v = RHO * v + (1 - RHO) * g**2  # a decaying average of squared g
        rate = LR / (tf.sqrt(v) + EPS)
        w.assign_sub(rate * g)
        path.append(w.numpy())
        rates.append(rate.numpy())
    return path, rates


# %% Built-in vs by hand, with the effective rates
print("step built-in              by hand              gap/1e-6 rates")
path, rates = by_hand()
for t, (a, b, r) in enumerate(zip(built_in(), path, rates), start=1):
    print(f"{t:<4} {a[0]:9.6f} {a[1]:9.6f}  {b[0]:9.6f} {b[1]:9.6f}  "
          f"{1e6 * np.abs(a - b).max():<8.1f} {r[0]:.6f} {r[1]:.6f}")
first = np.abs(path[0] - w0)
print(f"first step: {first[0]:.4f} {first[1]:.4f}, "
      f"lr / sqrt(1 - rho): {LR / np.sqrt(1 - RHO):.4f}")


# %% The defaults, and what epsilon does to a small gradient
opt = tf.keras.optimizers.RMSprop()
print(f"default learning rate: {float(opt.learning_rate):g}, rho: {opt.rho}, "
      f"epsilon: {opt.epsilon:g}")
print(f"default momentum: {opt.momentum:g}, centered: {opt.centered}")
w = tf.Variable([0.0])
opt = tf.keras.optimizers.RMSprop(learning_rate=LR, rho=RHO)  # epsilon kept
opt.apply_gradients([(tf.constant([1e-4]), w)])  # a gradient of 1e-4
print(f"first step on a gradient of 1e-4: {-w.numpy()[0] / LR:.3f} * lr")
