# %% Settings
import numpy as np
import tensorflow as tf

SEED = 0
N_IN = 4
N_OUT = 8
for name in ["SEED", "N_IN", "N_OUT"]:
    print(f"{name}: {globals()[name]}")
tf.keras.utils.set_random_seed(SEED)
rng = np.random.default_rng(SEED)


def fails(f):  # the error's name, or "no"
    try:
        f()
        return "no"
    except Exception as error:
        return type(error).__name__


# %% Copying weights in the other framework's layout
W = rng.normal(size=(N_OUT, N_IN))  # PyTorch's layout: (outputs, inputs)
layer = tf.keras.layers.Dense(N_OUT)
layer.build((None, N_IN))  # Keras wants (inputs, outputs): W.T
wrong = [W, np.zeros(N_OUT)]
print("the other layout copied in:", fails(lambda: layer.set_weights(wrong)))
S, x = rng.normal(size=(N_IN, N_IN)), rng.normal(size=(1, N_IN))
square = tf.keras.layers.Dense(N_IN)  # meant to compute x @ S
square.build((None, N_IN))
square.set_weights([S.T, np.zeros(N_IN)])  # a square matrix in the wrong layout
print("a square one in the wrong layout:", fails(lambda: square(x)))
print(f"its output is off by: {np.abs(square(x).numpy() - x @ S).max():.2f}")

# %% Writing into a parameter
kernel = layer.kernel
print("in-place write, no no_grad:", fails(lambda: kernel.assign_add(W.T)))
print("the same variable object after assign:", layer.kernel is kernel)

# %% Tying by accident
one = tf.keras.layers.Dense(N_IN)
copies = tf.keras.Sequential([tf.keras.Input((N_IN,)), *[one] * 3])
print("[layer] * 3, parameters:", copies.count_params())

# %% A new initialiser for a built layer
before = layer.kernel.numpy().copy()
layer.kernel_initializer = tf.keras.initializers.Zeros()
changed = not np.array_equal(before, layer.kernel.numpy())
print("a new initialiser attribute changes the values:", changed)
layer.kernel.assign(tf.keras.initializers.Zeros()(layer.kernel.shape))
zeroed = not layer.kernel.numpy().any()
print("re-initialising in place zeroes the matrix:", zeroed)
