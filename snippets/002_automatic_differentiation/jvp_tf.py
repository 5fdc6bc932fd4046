# %% A function from R^3 to R^2
import numpy as np
import tensorflow as tf


def f(x):  # R^3 -> R^2
    return tf.stack([x[0] * x[1], x[0] ** 2 + tf.sin(x[2])])


def show(values):
    return np.round(np.asarray(values), 6).tolist()


x = tf.constant([1.0, 2.0, 3.0], dtype=tf.float64)
v = tf.constant([1.0, 0.5, -1.0], dtype=tf.float64)  # direction in input space
u = tf.constant([1.0, -1.0], dtype=tf.float64)  # weights on the outputs
x0, x1, x2 = x.numpy()
# J by hand: rows are outputs, columns are inputs
J_by_hand = np.array([[x1, x0, 0.0], [2 * x0, 0.0, np.cos(x2)]])
print("f(x):", show(f(x)))

# %% Forward mode: J v
# Push the tangent v through f alongside the values; J is never built.
with tf.autodiff.ForwardAccumulator(primals=x, tangents=v) as acc:
    y = f(x)
jvp = acc.jvp(y)
print("J v (forward mode):", show(jvp))
print("J v (by hand):", show(J_by_hand @ v.numpy()))

# %% Reverse mode: u^T J
# tape.gradient of a vector output takes the weights u and returns u^T J.
with tf.GradientTape(persistent=True) as tape:
    tape.watch(x)
    y = f(x)
    total = tf.reduce_sum(y)
vjp = tape.gradient(y, x, output_gradients=u)
print("u^T J (reverse mode):", show(vjp))
print("u^T J (by hand):", show(u.numpy() @ J_by_hand))

# %% The gradient of a vector output
# Without weights, tape.gradient silently uses u = (1, 1): it sums y.
print("tape.gradient(y, x), no weights:", show(tape.gradient(y, x)))
print("gradient of sum(y):", show(tape.gradient(total, x)))
print("column sums of J:", show(J_by_hand.sum(axis=0)))

# %% The full Jacobian
# One reverse pass per output row.
J = tape.jacobian(y, x)
print("J shape:", tuple(J.shape))
gaps = {
    "J - J by hand": J.numpy() - J_by_hand,
    "jvp - J v": jvp.numpy() - J_by_hand @ v.numpy(),
    "vjp - u^T J": vjp.numpy() - u.numpy() @ J_by_hand,
}
for label, gap in gaps.items():
    print(f"max |{label}|: {np.max(np.abs(gap)):.1e}")
