# %% A function whose path depends on its input
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf


def f(a):
    b = a * 2
    doublings = 0
    # How often this runs depends on the value of a (never stops for a = 0).
    while tf.abs(b) < 1000:
        b = b * 2
        doublings += 1
    c = b if b > 0 else 100 * b  # so does the branch
    return c, doublings


# %% Three inputs, three paths
# f(a) = k * a for a k fixed by the path taken, so df/da = k = f(a) / a.
for start in [0.3, -1.7, 40.0]:
    a = tf.Variable(start, dtype=tf.float64)
    with tf.GradientTape() as tape:
        c, doublings = f(a)
    grad = float(tape.gradient(c, a))
    ratio = float(c) / start
    print(f"a = {start}: doublings: {doublings}, df/da: {grad}, "
          f"f(a)/a: {ratio}")

# %% Slopes over an interval
starts = np.linspace(-3.0, 3.0, 120)
slopes = []
for start in starts:
    a = tf.Variable(start)
    with tf.GradientTape() as tape:
        c, _ = f(a)
    slopes.append(float(tape.gradient(c, a)))
print(f"distinct slopes at {len(starts)} points of [-3, 3]:", len(set(slopes)))

# %% Each input records its own graph
fig, ax = plt.subplots(figsize=(6, 3))
ax.semilogy(starts, np.abs(slopes), ".")
ax.set_xlabel("a")
ax.set_ylabel("|df/da|")
ax.set_title("|df/da| over [-3, 3]: each input records its own graph")
plt.show()
