# %% Creating tensors
import numpy as np
import tensorflow as tf

x = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
print("x:", x.numpy().tolist())
print("shape:", tuple(x.shape), "dtype:", x.dtype.name)

ints = tf.range(6)
print("ints:", ints.numpy().tolist(), "dtype:", ints.dtype.name)
grid = tf.reshape(ints, (2, 3))
print("grid:", grid.numpy().tolist())

# %% Mixing dtypes
# TensorFlow never mixes dtypes silently: float32 + int32 is an error,
# of a different type eagerly and inside tf.function (so inside fit).
try:
    x + grid
except tf.errors.InvalidArgumentError:
    print("x + grid: error, dtypes differ (eager InvalidArgumentError)")
try:
    tf.function(lambda a, b: a + b)(x, grid)
except TypeError:
    print("x + grid in tf.function: error, TypeError at trace time")
total = x + tf.cast(grid, tf.float32)
print("x + float(grid):", total.numpy().tolist())

# %% Indexing
print("x[1]:", x[1].numpy().tolist())
print("x[:, 1:]:", x[:, 1:].numpy().tolist())
print("x[-1, -1]:", float(x[-1, -1]))
print("row sums:", tf.reduce_sum(x, axis=1).numpy().tolist())

# %% Changing values
# Tensors are immutable; a Variable holds state that can be assigned.
state = tf.Variable(x)
state[0, 0].assign(100.0)
print("after assign:", state.numpy().tolist())

# %% Tensors from NumPy
a = np.arange(3.0)
from_numpy = tf.convert_to_tensor(a)  # copies the array's values
print("from NumPy:", from_numpy.dtype.name)
a[0] = 100.0  # change the NumPy array after the conversion
print("array after a[0] = 100:", a.tolist())
print("tensor after a[0] = 100:", from_numpy.numpy().tolist())
print("tensor sees the change:", bool(from_numpy[0] == a[0]))
