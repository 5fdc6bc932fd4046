import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(0)
X = np.random.default_rng(0).uniform(size=(2, 20)).astype(np.float32)


class NestMLP(tf.keras.Model):
    """A block whose first part is itself a block (a Sequential of two layers)."""

    def __init__(self):
        super().__init__()
        self.net = tf.keras.Sequential([tf.keras.layers.Dense(64, activation="relu"),
                                        tf.keras.layers.Dense(32, activation="relu")])
        self.linear = tf.keras.layers.Dense(16)

    def call(self, x):
        return self.linear(self.net(x))


def block():
    """A block factory: every call builds a new block with its own parameters."""
    return tf.keras.Sequential([tf.keras.layers.Dense(20), tf.keras.layers.ReLU()])


# Blocks of blocks: a Sequential holding a custom block, a layer, and a Sequential of three blocks.
chimera = tf.keras.Sequential([NestMLP(), tf.keras.layers.Dense(20), tf.keras.Sequential([block() for _ in range(3)])])
print("output shape:", tuple(chimera(X).shape))


def count(block):
    return sum(int(np.prod(w.shape)) for w in block.trainable_weights)


def show(block, depth=0):
    """Each block's parameter count is the sum of its children's."""
    print("  " * depth + f"{type(block).__name__}: {count(block)}")
    for child in getattr(block, "layers", []):
        if count(child):
            show(child, depth + 1)


show(chimera)
print("total parameters:", chimera.count_params())
