import numpy as np
import tensorflow as tf


def f(x):  # R^3 -> R^2
    return tf.stack([x[0] * x[1], x[0] ** 2 + tf.sin(x[2])])


x = tf.constant([1.0, 2.0, 3.0], dtype=tf.float64)
v = tf.constant([1.0, 0.5, -1.0], dtype=tf.float64)  # direction in input space
u = tf.constant([1.0, -1.0], dtype=tf.float64)  # weights on the outputs
x0, x1, x2 = x.numpy()
J_by_hand = np.array([[x1, x0, 0.0], [2 * x0, 0.0, np.cos(x2)]])  # rows: outputs, columns: inputs

# Forward mode: push the tangent v through f alongside the values; J is never built.
with tf.autodiff.ForwardAccumulator(primals=x, tangents=v) as acc:
    y = f(x)
jvp = acc.jvp(y)
print("f(x):", np.round(y.numpy(), 6).tolist())
print("J v (forward mode):", np.round(jvp.numpy(), 6).tolist())
print("J v (by hand):", np.round(J_by_hand @ v.numpy(), 6).tolist())

# Reverse mode: tape.gradient of a vector output takes the weights u and returns u^T J.
with tf.GradientTape(persistent=True) as tape:
    tape.watch(x)
    y = f(x)
vjp = tape.gradient(y, x, output_gradients=u)
print("u^T J (reverse mode):", np.round(vjp.numpy(), 6).tolist())
print("u^T J (by hand):", np.round(u.numpy() @ J_by_hand, 6).tolist())

# The full Jacobian: one reverse pass per output row.
J = tape.jacobian(y, x)
print("J shape:", tuple(J.shape))
print("max |J - J by hand|:", float(np.max(np.abs(J.numpy() - J_by_hand))))
print("max |jvp - J v|:", float(np.max(np.abs(jvp.numpy() - J_by_hand @ v.numpy()))))
print("max |vjp - u^T J|:", float(np.max(np.abs(vjp.numpy() - u.numpy() @ J_by_hand))))
