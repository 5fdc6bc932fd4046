# %% Ten items that show their order
import numpy as np
import tensorflow as tf

SEED = 0
NUM_ITEMS = 10
BATCH_SIZE = 4
EPOCHS = 3
LONG_STREAM = 1000  # items in the longer stream of the last cell
BUFFER_SIZE = 3  # twins differ: only tf.data's shuffle has a buffer
tf.keras.utils.set_random_seed(SEED)
print("items:", NUM_ITEMS, "batch size:", BATCH_SIZE, "seed:", SEED)

# Item i has features [2i, 2i + 1] and label i: the labels show the order.
features = np.arange(2 * NUM_ITEMS, dtype=np.float32).reshape(NUM_ITEMS, 2)
labels = np.arange(NUM_ITEMS)
dataset = tf.data.Dataset.from_tensor_slices((features, labels))
x, y = next(iter(dataset))
print("one item:", x.numpy().tolist(), int(y))

# %% Batches, and the partial last batch
batches = dataset.batch(BATCH_SIZE)
print("batch shapes:", [tuple(x.shape) for x, _ in batches])
dropped = dataset.batch(BATCH_SIZE, drop_remainder=True)
print("batch shapes, drop_remainder:", [tuple(x.shape) for x, _ in dropped])

# %% Shuffled epochs
# Shuffle, then batch; a new order every epoch (reshuffle_each_iteration).
loader = dataset.shuffle(buffer_size=NUM_ITEMS, seed=SEED).batch(BATCH_SIZE)
for epoch in range(EPOCHS):
    order = [y.numpy().tolist() for _, y in loader]
    print(f"epoch {epoch + 1} batches:", order)
# The wrong order: batch, then shuffle. Whole batches move; items stay together.
wrong = dataset.batch(BATCH_SIZE).shuffle(NUM_ITEMS, seed=SEED)
for epoch in range(2):
    order = [y.numpy().tolist() for _, y in wrong]
    print(f"batch, then shuffle, epoch {epoch + 1}:", order)

# %% How each framework shuffles
# shuffle() emits a random item from a buffer, then refills it from the
# stream: position i can only hold one of the first i + BUFFER_SIZE items.
local = dataset.shuffle(buffer_size=BUFFER_SIZE, seed=SEED)
print("order with a buffer of 3:", [int(y) for _, y in local])


# %% How far items move
def moves(order):  # how far items moved earlier and later than their place
    shifts = [position - item for position, item in enumerate(order)]
    return -min(shifts), max(shifts)


for n in (NUM_ITEMS, LONG_STREAM):
    for seed in range(3):
        stream = tf.data.Dataset.range(n).shuffle(BUFFER_SIZE, seed=seed)
        earlier, later = moves([int(i) for i in stream])
        print(f"{n} items, seed {seed}: largest move earlier {earlier}, "
              f"later {later}")
