import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf


def f(a):
    b = a * 2
    doublings = 0
    while tf.abs(b) < 1000:  # how often this runs depends on the value of a (never stops for a = 0)
        b = b * 2
        doublings += 1
    c = b if b > 0 else 100 * b  # so does the branch
    return c, doublings


# f(a) = k * a for a k fixed by the path taken, so df/da = k = f(a) / a.
for start in [0.3, -1.7, 40.0]:
    a = tf.Variable(start, dtype=tf.float64)
    with tf.GradientTape() as tape:
        c, doublings = f(a)
    grad = tape.gradient(c, a)
    print(f"a = {start}: doublings: {doublings}, df/da: {float(grad)}, f(a)/a: {float(c) / start}")

starts = np.linspace(-3.0, 3.0, 120)
slopes = []
for start in starts:
    a = tf.Variable(start)
    with tf.GradientTape() as tape:
        c, _ = f(a)
    slopes.append(float(tape.gradient(c, a)))
print("distinct slopes over [-3, 3]:", len(set(slopes)))

plt.figure(figsize=(6, 3))
plt.semilogy(starts, np.abs(slopes), ".")
plt.xlabel("a")
plt.ylabel("|df/da|")
plt.title("each input records its own graph")
plt.show()
