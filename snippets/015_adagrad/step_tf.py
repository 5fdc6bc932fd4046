# %% Settings
import numpy as np
import tensorflow as tf

CURVATURES = (1.0, 25.0)  # the day-14 bowl f(w) = 0.5 * (w1^2 + 25 * w2^2)
W0 = (-4.0, 1.0)  # the start
LR, EPS, STEPS = 0.1, 1e-10, 3  # learning rate, epsilon, steps compared
print(f"curvatures: {CURVATURES}, start: {W0}")
print(f"learning rate: {LR}, epsilon: {EPS}, steps: {STEPS}")
A, w0 = tf.constant(CURVATURES), np.array(W0, np.float32)


def gradient(w):
    with tf.GradientTape() as tape:
        loss = 0.5 * tf.reduce_sum(A * w**2)
    return tape.gradient(loss, w)


# %% The built-in optimizer
def built_in():
    w = tf.Variable(w0)
    # Keras's defaults (initial_accumulator_value=0.1, epsilon=1e-7) set to
    # PyTorch's: the sum starts at 0
    opt = tf.keras.optimizers.Adagrad(
        learning_rate=LR, initial_accumulator_value=0.0, epsilon=EPS)
    path = []
    for _ in range(STEPS):
        opt.apply_gradients([(gradient(w), w)])
        path.append(w.numpy())
    return path


# %% The update written by hand
def by_hand():
    w, G = tf.Variable(w0), tf.zeros(2)
    path, rates, roots = [], [], []
    for _ in range(STEPS):
        g = gradient(w)
        G = G + g**2  # the sum of all squared gradients so far, per parameter
        rate = LR / (tf.sqrt(G) + EPS)
        w.assign_sub(rate * g)
        path.append(w.numpy())
        rates.append(rate.numpy())
        roots.append(tf.sqrt(G).numpy())
    return path, rates, roots


# %% Built-in vs by hand, with the effective rates
g0 = gradient(tf.Variable(w0)).numpy()
print(f"gradient at w0: {g0[0]:.6f} {g0[1]:.6f}")
print("step built-in              by hand              gap/1e-6 rates")
path, rates, roots = by_hand()
for t, (a, b, r) in enumerate(zip(built_in(), path, rates), start=1):
    print(f"{t:<4} {a[0]:9.6f} {a[1]:9.6f}  {b[0]:9.6f} {b[1]:9.6f}  "
          f"{1e6 * np.abs(a - b).max():<8.1f} {r[0]:.6f} {r[1]:.6f}")
smallest = np.min(roots)
print(f"smallest sqrt(G): {smallest:.1f}, eps / sqrt(G) at most: "
      f"{EPS / smallest:.1e}")


# %% The defaults, and what they do to a small gradient
opt = tf.keras.optimizers.Adagrad()
print(f"default learning rate: {float(opt.learning_rate):g}, "
      f"initial accumulator: {opt.initial_accumulator_value:g}, "
      f"epsilon: {opt.epsilon:g}")
w = tf.Variable([0.0])
opt = tf.keras.optimizers.Adagrad(learning_rate=LR)  # other defaults kept
opt.apply_gradients([(tf.constant([0.01]), w)])  # a gradient of 0.01
print(f"first step on a gradient of 0.01: {-w.numpy()[0] / LR:.4f} * lr")
