# %% Settings
import numpy as np
import tensorflow as tf

CURVATURES = (1.0, 25.0)  # f(w) = 0.5 * (1 * w1^2 + 25 * w2^2): a narrow bowl
W0 = (-4.0, 1.0)  # the start
LR, MU, STEPS = 0.05, 0.7, 3  # learning rate, momentum, steps compared
print(f"curvatures: {CURVATURES}, start: {W0}")
print(f"learning rate: {LR}, momentum: {MU}, steps: {STEPS}")
A, w0 = tf.constant(CURVATURES), np.array(W0, np.float32)


def gradient(w):
    with tf.GradientTape() as tape:
        loss = 0.5 * tf.reduce_sum(A * w**2)
    return tape.gradient(loss, w)


# %% The built-in optimizer
def built_in(momentum, nesterov, lrs=(LR,) * STEPS):
    w = tf.Variable(w0)
    opt = tf.keras.optimizers.SGD(
        learning_rate=LR, momentum=momentum, nesterov=nesterov)
    path = []
    for lr in lrs:
        opt.learning_rate.assign(lr)  # a schedule could change it
        opt.apply_gradients([(gradient(w), w)])
        path.append(w.numpy())
    return path


# %% The update written by hand
def by_hand(momentum, nesterov, lrs=(LR,) * STEPS):
    w, b = tf.Variable(w0), tf.zeros(2)  # b: the buffer, starting at zero
    path = []
    for lr in lrs:
        g = gradient(w)
        b = momentum * b + g
        w.assign_sub(lr * ((g + momentum * b) if nesterov else b))
        path.append(w.numpy())
    return path


# %% One step at a time: built-in vs by hand
print("method      step built-in             by hand              gap/1e-6")
for name, momentum, nesterov in [("sgd", 0.0, False), ("heavy-ball", MU, False),
                                 ("nesterov", MU, True)]:
    pairs = zip(built_in(momentum, nesterov), by_hand(momentum, nesterov))
    for t, (a, b) in enumerate(pairs, start=1):
        print(f"{name:<11} {t:<4} {a[0]:9.6f} {a[1]:9.6f}  "
              f"{b[0]:9.6f} {b[1]:9.6f}  {1e6 * np.abs(a - b).max():.1f}")


# %% Under a schedule: the learning rate halves after step 2
lrs = (LR, LR, LR / 2)
w_buffer = by_hand(MU, False, lrs)[-1]  # PyTorch's form: lr times buffer
w, v = tf.Variable(w0), tf.zeros(2)  # Keras's form: a velocity holding lr
for lr in lrs:
    v = MU * v - lr * gradient(w)
    w.assign_add(v)
w = w.numpy()
print(f"step 3, buffer form:   {w_buffer[0]:9.6f} {w_buffer[1]:9.6f}")
print(f"step 3, velocity form: {w[0]:9.6f} {w[1]:9.6f}")
w_built = built_in(MU, False, lrs)[-1]
print(f"step 3, built-in:      {w_built[0]:9.6f} {w_built[1]:9.6f}")


# %% Defaults
opt = tf.keras.optimizers.SGD()
print(f"default learning rate: {float(opt.learning_rate):g}, "
      f"default momentum: {opt.momentum:g}")
