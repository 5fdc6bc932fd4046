import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

# f(x) = sum_i x_i^2 sin(x_i) is a scalar; its gradient has one entry per x_i.
x = tf.Variable(np.linspace(-4.0, 4.0, 201))  # float64, so the comparison can be tight
with tf.GradientTape() as tape:
    f = tf.reduce_sum(x**2 * tf.sin(x))
grad = tape.gradient(f, x)
by_hand = 2 * x * tf.sin(x) + x**2 * tf.cos(x)
print("df/dx at x = -4, 0, 2:", np.round(grad.numpy()[[0, 100, 150]], 6).tolist())
print("max |autodiff - by hand| for f:", float(tf.reduce_max(tf.abs(grad - by_hand))))

# Mean squared error of a linear model: grad_w = 2/n X^T (Xw - y).
rng = np.random.default_rng(0)
X, y, w = rng.normal(size=(50, 3)), rng.normal(size=50), tf.Variable(rng.normal(size=3))
with tf.GradientTape() as tape:
    loss = tf.reduce_mean((tf.linalg.matvec(X, w) - y) ** 2)
grad_w = tape.gradient(loss, w)
by_hand_w = 2 / len(y) * X.T @ (X @ w.numpy() - y)
print("dloss/dw:", np.round(grad_w.numpy(), 6).tolist())
print("max |autodiff - by hand| for the loss:", float(np.max(np.abs(grad_w.numpy() - by_hand_w))))

# Detaching: u is treated as a constant, so d(u * x)/dx = u, not 3x^2.
t = tf.Variable([0.0, 1.0, 2.0, 3.0])
with tf.GradientTape() as tape:
    u = tf.stop_gradient(t * t)
    z = tf.reduce_sum(u * t)
print("d(u*t)/dt with u detached:", tape.gradient(z, t).numpy().tolist())

# A tape is used up by one gradient call.
try:
    tape.gradient(z, t)
except RuntimeError:
    print("second gradient call: RuntimeError (use GradientTape(persistent=True))")

plt.figure(figsize=(6, 3))
plt.plot(x.numpy(), (x**2 * tf.sin(x)).numpy(), label="f(x) = x² sin x")
plt.plot(x.numpy(), grad.numpy(), label="f'(x) by autodiff")
plt.plot(x.numpy()[::10], by_hand.numpy()[::10], "o", ms=4, label="f'(x) by hand")
plt.legend()
plt.show()
