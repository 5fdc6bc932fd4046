# %% Settings and data
import numpy as np
import tensorflow as tf

SEED = 0
BATCH = 2
N_IN = 20
for name in ["SEED", "BATCH", "N_IN"]:
    print(f"{name}: {globals()[name]}")
tf.keras.utils.set_random_seed(SEED)
X = np.random.default_rng(SEED).uniform(size=(BATCH, N_IN)).astype(np.float32)


# %% Pitfalls: what the framework does not see
class ListBlock(tf.keras.layers.Layer):  # two layers held in a plain list
    def __init__(self):
        super().__init__()
        self.parts = [tf.keras.layers.Dense(N_IN), tf.keras.layers.Dense(N_IN)]

    def call(self, x):
        for part in self.parts:
            x = part(x)
        return x


listed = ListBlock()
listed(X)
print("plain list of two layers, parameters seen:", listed.count_params())


class NoSuper(tf.keras.layers.Layer):
    def __init__(self):  # super().__init__() forgotten
        self.linear = tf.keras.layers.Dense(N_IN)


# %% Pitfalls: when each mistake fails
def fails(f):
    try:
        f()
        return "no"
    except Exception as error:
        return type(error).__name__


print("no super(): assignment fails:", fails(NoSuper))
print("no super(): first call fails:", fails(lambda: NoSuper()(X)))
print("count before the first call fails:",
      fails(tf.keras.layers.Dense(N_IN).count_params))
unbuilt = tf.keras.layers.Dense(N_IN)
print("layer.call(x) bypasses __call__:", fails(lambda: unbuilt.call(X)))
