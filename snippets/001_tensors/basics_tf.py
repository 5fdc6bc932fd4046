import numpy as np
import tensorflow as tf

x = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
print("x:", x.numpy().tolist())
print("shape:", tuple(x.shape), "dtype:", x.dtype.name)

ints = tf.range(6)
print("ints:", ints.numpy().tolist(), "dtype:", ints.dtype.name)
grid = tf.reshape(ints, (2, 3))
print("grid:", grid.numpy().tolist())

# TensorFlow never mixes dtypes silently: float32 + int32 is an error.
try:
    x + grid
except tf.errors.InvalidArgumentError:
    print("x + grid: error, dtypes differ")
total = x + tf.cast(grid, tf.float32)
print("x + float(grid):", total.numpy().tolist())

print("x[1]:", x[1].numpy().tolist())
print("x[:, 1:]:", x[:, 1:].numpy().tolist())
print("x[-1, -1]:", float(x[-1, -1]))
print("row sums:", tf.reduce_sum(x, axis=1).numpy().tolist())

# Tensors are immutable; a Variable holds state that can be assigned.
state = tf.Variable(x)
state[0, 0].assign(100.0)
print("after assign:", state.numpy().tolist())

from_numpy = tf.convert_to_tensor(np.arange(3.0))
print("from NumPy:", from_numpy.dtype.name)
