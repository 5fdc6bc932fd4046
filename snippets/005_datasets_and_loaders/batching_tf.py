import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(0)

# Ten items: item i has features [2i, 2i + 1] and label i, so the labels show the order.
features = np.arange(20, dtype=np.float32).reshape(10, 2)
labels = np.arange(10)
dataset = tf.data.Dataset.from_tensor_slices((features, labels))
x, y = next(iter(dataset))
print("items:", int(dataset.cardinality()), "one item:", x.numpy().tolist(), int(y))

batches = dataset.batch(4)
print("batch shapes:", [tuple(x.shape) for x, _ in batches])
dropped = dataset.batch(4, drop_remainder=True)
print("batch shapes, drop_remainder:", [tuple(x.shape) for x, _ in dropped])

# Shuffle, then batch; a new order every epoch (reshuffle_each_iteration=True).
loader = dataset.shuffle(buffer_size=10, seed=0).batch(4)
for epoch in range(3):
    print(f"epoch {epoch + 1} batches:", [y.numpy().tolist() for _, y in loader])

# shuffle() draws from a buffer: with 3 slots, position i can only hold items 0..i+2.
local = dataset.shuffle(buffer_size=3, seed=0)
print("order with a buffer of 3:", [int(y) for _, y in local])
