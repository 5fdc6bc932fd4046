# %% Settings
import numpy as np
import tensorflow as tf

W0 = (-1.2, 1.0)  # the race's start on the Rosenbrock function
LR, BETA1, BETA2, EPS, STEPS = 0.1, 0.9, 0.999, 1e-8, 3
print(f"start: {W0}, learning rate: {LR}, steps: {STEPS}")
print(f"beta_1: {BETA1}, beta_2: {BETA2}, epsilon: {EPS}")
w0 = np.array(W0, np.float32)


def gradient(w):
    with tf.GradientTape() as tape:
        loss = (1 - w[0]) ** 2 + 100 * (w[1] - w[0] ** 2) ** 2
    return tape.gradient(loss, w)


# %% The built-in optimizer
def built_in():
    w = tf.Variable(w0)
    # Keras's epsilon defaults to 1e-7 (PyTorch's to 1e-8) and is added to
    # the uncorrected sqrt(v)
    opt = tf.keras.optimizers.Adam(
        learning_rate=LR, beta_1=BETA1, beta_2=BETA2, epsilon=EPS)
    path = []
    for _ in range(STEPS):
        opt.apply_gradients([(gradient(w), w)])
        path.append(w.numpy())
    return path


# %% The update written by hand
def by_hand(correct=True):
    w, m, v = tf.Variable(w0), tf.zeros(2), tf.zeros(2)
    path = []
    for t in range(1, STEPS + 1):
        g = gradient(w)
        m = BETA1 * m + (1 - BETA1) * g  # first moment: average gradient
        v = BETA2 * v + (1 - BETA2) * g**2  # second moment: of squares
        m_hat, v_hat = m, v
        if correct:  # undo the pull of the zero start
            m_hat, v_hat = m / (1 - BETA1**t), v / (1 - BETA2**t)
        w.assign_sub(LR * m_hat / (tf.sqrt(v_hat) + EPS))
        path.append(w.numpy())
    return path


# %% Built-in vs by hand
g0 = gradient(tf.Variable(w0)).numpy()
print(f"gradient at w0: {g0[0]:.6f} {g0[1]:.6f}")
print("step built-in              by hand              gap/1e-6")
for t, (a, b) in enumerate(zip(built_in(), by_hand()), start=1):
    print(f"{t:<4} {a[0]:9.6f} {a[1]:9.6f}  {b[0]:9.6f} {b[1]:9.6f}  "
          f"{1e6 * np.abs(a - b).max():.0f}")
one = np.float32(1) - np.float32(BETA2)  # 1 - beta_2 as float32 computes it
error = abs(float(one) - (1 - BETA2)) / (1 - BETA2)
print(f"float32 1 - beta_2: relative error {error:.1e}, "
      f"of its root {error / 2:.1e}")


# %% Bias correction and the first step
step = np.abs(by_hand()[0] - w0)
print(f"first step length, bias-corrected: {step[0]:.6f} {step[1]:.6f}")
step = np.abs(by_hand(correct=False)[0] - w0)
print(f"first step length, uncorrected:    {step[0]:.6f} {step[1]:.6f}")


# %% Defaults, and what weight_decay means
opt = tf.keras.optimizers.Adam()
print(f"default learning rate: {float(opt.learning_rate):g}, betas: "
      f"{opt.beta_1}, {opt.beta_2}, epsilon: {opt.epsilon:g}")
w = tf.Variable([1.0])
opt = tf.keras.optimizers.Adam(learning_rate=LR, weight_decay=0.1)
opt.apply_gradients([(tf.constant([0.0]), w)])  # a zero gradient
print(f"one step from w = 1, zero gradient, weight_decay 0.1: "
      f"w = {w.numpy()[0]:.4f}")
w = tf.Variable([0.0])
opt = tf.keras.optimizers.Adam(learning_rate=LR)  # default epsilon
opt.apply_gradients([(tf.constant([1e-4]), w)])  # a gradient of 1e-4
print(f"first step on a gradient of 1e-4: {-w.numpy()[0] / LR:.4f} * lr")
