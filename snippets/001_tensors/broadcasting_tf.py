# %% A column plus a row
import matplotlib.pyplot as plt
import tensorflow as tf

col = tf.reshape(tf.range(3.0), (3, 1))
row = tf.reshape(tf.range(4.0), (1, 4))
table = 10 * col + row  # (3, 1) and (1, 4) stretch to (3, 4)
shapes = tuple(col.shape), tuple(row.shape), tuple(table.shape)
print("shapes: {} + {} -> {}".format(*shapes))
print(table.numpy())

# %% Compatible and incompatible shapes
ones = tf.ones((2, 3))
bias = tf.constant([1.0, 2.0, 3.0])
print("(2, 3) + (3,):", (ones + bias).numpy().tolist())
short = tf.constant([1.0, 2.0])
try:
    ones + short
except tf.errors.InvalidArgumentError:
    print("(2, 3) + (2,): error, trailing sizes 3 and 2 differ")
try:  # the same sum inside tf.function fails while tracing
    tf.function(lambda a, b: a + b)(ones, short)
except ValueError:
    print("(2, 3) + (2,) in tf.function: error, ValueError at trace time")

# %% A silent shape bug
# Targets of shape (n,) minus predictions of shape (n, 1).
y = tf.range(3.0)
pred = tf.reshape(y, (3, 1))  # the same numbers, as a column
diff = y - pred
print("(y - pred) shape:", tuple(diff.shape))
print("sum of squares:", float(tf.reduce_sum(diff**2)))

# %% The table as a picture
fig, ax = plt.subplots(figsize=(4, 3))
ax.imshow(table.numpy(), cmap="viridis")
for i in range(3):
    for j in range(4):
        label = f"{table[i, j]:.0f}"
        ax.text(j, i, label, ha="center", va="center", color="white")
ax.set_title("Broadcast table: 10 * col (3, 1) + row (1, 4)")
ax.set_xticks(range(4))
ax.set_yticks(range(3))
plt.show()
