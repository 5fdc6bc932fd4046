# %% A scalar function of many inputs
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

SEED = 0
print("seed:", SEED)

# f(x) = sum_i x_i^2 sin(x_i) is a scalar; its gradient has one entry per x_i.
# float64, so the comparison with the formula can be tight.
x = tf.Variable(np.linspace(-4.0, 4.0, 201))
with tf.GradientTape() as tape:
    f = tf.reduce_sum(x**2 * tf.sin(x))
grad = tape.gradient(f, x)
by_hand = 2 * x * tf.sin(x) + x**2 * tf.cos(x)
at = [0, 100, 150]  # x = -4, 0, 2
print("df/dx at x = -4, 0, 2:", np.round(grad.numpy()[at], 6).tolist())
gap = float(tf.reduce_max(tf.abs(grad - by_hand)))
print(f"max |autodiff - by hand| for f: {gap:.1e}")

# %% The gradient of a mean squared error
# Mean squared error of a linear model: grad_w = 2/n X^T (Xw - y).
rng = np.random.default_rng(SEED)
X, y = rng.normal(size=(50, 3)), rng.normal(size=50)
w = tf.Variable(rng.normal(size=3))
with tf.GradientTape() as tape:
    loss = tf.reduce_mean((tf.linalg.matvec(X, w) - y) ** 2)
grad_w = tape.gradient(loss, w).numpy()
by_hand_w = 2 / len(y) * X.T @ (X @ w.numpy() - y)
print("dloss/dw:", np.round(grad_w, 6).tolist())
gap = float(np.max(np.abs(grad_w - by_hand_w)))
print(f"max |autodiff - by hand| for the loss: {gap:.1e}")

# %% Stopping a gradient
# Detaching: u is treated as a constant, so d(u * t)/dt = u, not 3t^2.
t = tf.Variable([0.0, 1.0, 2.0, 3.0])
with tf.GradientTape() as tape:
    u = tf.stop_gradient(t * t)
    z = tf.reduce_sum(u * t)
print("d(u*t)/dt with u detached:", tape.gradient(z, t).numpy().tolist())

# %% What the record does not see
# A tape watches trainable Variables only; a constant needs tape.watch.
c = tf.constant(2.0)
frozen = tf.Variable(2.0, trainable=False)
with tf.GradientTape() as tape:
    y = c**2 + frozen**2
grad_c, grad_frozen = tape.gradient(y, [c, frozen])
print("gradient w.r.t. a plain constant:", grad_c)
print("gradient w.r.t. a frozen variable:", grad_frozen)
with tf.GradientTape() as tape:
    tape.watch(c)
    y = c**2
print("after tape.watch(c):", float(tape.gradient(y, c)))
# A detour through NumPy cuts the record.
v = tf.Variable(2.0)
with tf.GradientTape() as tape:
    y = tf.constant(v.numpy() ** 2)
print("gradient through .numpy():", tape.gradient(y, v))

# %% Asking for the gradient twice
# A tape is used up by one gradient call.
with tf.GradientTape() as tape:
    z = tf.reduce_sum(u * t)
tape.gradient(z, t)
try:
    tape.gradient(z, t)
except RuntimeError:
    print("second gradient call: RuntimeError")
# persistent=True keeps the tape; each call returns a fresh gradient.
with tf.GradientTape(persistent=True) as tape:
    z = tf.reduce_sum(u * t)
tape.gradient(z, t)
second = tape.gradient(z, t).numpy().tolist()
print("second call, persistent=True:", second)
# A new tape for a new computation starts from nothing, too.
with tf.GradientTape() as tape:
    z = tf.reduce_sum(u * t)
print("gradient of a new tape:", tape.gradient(z, t).numpy().tolist())

# %% The derivative, by autodiff and by hand
fig, ax = plt.subplots(figsize=(6, 3))
xs = x.numpy()
ax.plot(xs, (x**2 * tf.sin(x)).numpy(), label="f(x) = x² sin x")
ax.plot(xs, grad.numpy(), label="f'(x) by autodiff")
ax.plot(xs[::10], by_hand.numpy()[::10], "o", ms=4, label="f'(x) by hand")
ax.set_title("f(x) = x² sin x and its derivative, by autodiff and by hand")
ax.legend()
plt.show()
