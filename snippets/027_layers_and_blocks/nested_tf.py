# %% Settings and data
import numpy as np
import tensorflow as tf

SEED = 0
BATCH = 2
N_IN = 20
COPIES = 3  # blocks built by the factory
for name in ["SEED", "BATCH", "N_IN", "COPIES"]:
    print(f"{name}: {globals()[name]}")
tf.keras.utils.set_random_seed(SEED)
X = np.random.default_rng(SEED).uniform(size=(BATCH, N_IN)).astype(np.float32)


# %% A block that holds a block
class NestMLP(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.net = tf.keras.Sequential(  # a Sequential of two layers
            [
                tf.keras.layers.Dense(64, activation="relu"),
                tf.keras.layers.Dense(32, activation="relu"),
            ]
        )
        self.linear = tf.keras.layers.Dense(16)

    def call(self, x):
        return self.linear(self.net(x))


# %% Blocks of blocks
def block():  # a factory: every call builds a new block, with new parameters
    layers = [tf.keras.layers.Dense(N_IN), tf.keras.layers.ReLU()]
    return tf.keras.Sequential(layers)


chimera = tf.keras.Sequential(
    [
        NestMLP(),
        tf.keras.layers.Dense(N_IN),
        tf.keras.Sequential([block() for _ in range(COPIES)]),
    ]
)
print("output shape:", tuple(chimera(X).shape))


# %% The tree of blocks and their parameter counts
def count(block):
    return sum(int(np.prod(w.shape)) for w in block.trainable_weights)


def show(block, depth=0):  # blocks that own parameters, with their counts
    print("  " * depth + f"{type(block).__name__}: {count(block)}")
    for child in getattr(block, "layers", []):
        if count(child):
            show(child, depth + 1)


show(chimera)
print("total parameters:", chimera.count_params())
