# %% Settings
import numpy as np
import tensorflow as tf

SEED = 0
SIZE = 256  # one SIZE x SIZE layer, on BATCH rows
BATCH = 64
BIG = 70000.0  # above float16's largest value
TINY = 1e-8  # below float16's smallest
LOSS_SCALE = 2**16
for name in ["SEED", "SIZE", "BATCH", "BIG", "TINY", "LOSS_SCALE"]:
    print(f"{name}: {globals()[name]}")
tf.keras.utils.set_random_seed(SEED)
tf32 = tf.config.experimental.tensor_float_32_execution_enabled()
print("TensorFloat-32 for float32 matmuls on a GPU, by default:", tf32)
# one switch in TensorFlow, for matrix products and convolutions alike
print("TensorFloat-32 for float32 convolutions on a GPU, by default:", tf32)
tf.config.experimental.enable_tensor_float_32_execution(False)  # true float32
rng = np.random.default_rng(SEED)

# %% Range and precision of three formats
# epsilon: the gap between 1 and the next representable number
for dtype in (tf.float32, tf.bfloat16, tf.float16):
    one = tf.constant(1.0, dtype)
    eps = next(2.0**-k for k in range(30) if one + 2.0 ** -(k + 1) == one)
    largest, bits = float(dtype.max), round(-np.log2(eps))
    print(f"{dtype.name}: largest {largest:.4g}, epsilon {eps:.3g}",
          f"= 2**-{bits}")
smallest = float(np.finfo(np.float16).smallest_subnormal)  # as NumPy says
print(f"float16: largest {float(tf.float16.max):.0f}, smallest {smallest:.0e}")

# %% Overflow, underflow, and loss scaling in one line
big, tiny = tf.constant(BIG), tf.constant(TINY)
print(f"{BIG:.0f} in float16:", float(tf.cast(big, tf.float16)),
      "| in bfloat16:", float(tf.cast(big, tf.bfloat16)))
rescued = float(tf.cast(tiny * LOSS_SCALE, tf.float16)) / LOSS_SCALE
print(f"{TINY:.0e} in float16:", float(tf.cast(tiny, tf.float16)),
      f"| scaled by 2**16 first: {rescued:.4g}")

# %% One layer in float32 and in mixed bfloat16
W = rng.normal(size=(SIZE, SIZE)) / 16  # the same NumPy weights in both
X = rng.normal(size=(BATCH, SIZE)).astype(np.float32)
reference = X.astype(np.float64) @ W
layer32 = tf.keras.layers.Dense(SIZE, use_bias=False)
tf.keras.mixed_precision.set_global_policy("mixed_bfloat16")  # from here on
layer16 = tf.keras.layers.Dense(SIZE, use_bias=False)
for layer in (layer32, layer16):
    layer.build((None, SIZE))
    layer.set_weights([W])

# %% Which dtypes come out
y32 = layer32(X)
with tf.GradientTape() as tape:
    y16 = layer16(X)
    loss = tf.reduce_mean(tf.cast(y16, tf.float32) ** 2)  # reduce in float32
print(f"output dtype: {y32.dtype.name} | under the policy: {y16.dtype.name}"
      f" | weights: {layer16.kernel.dtype}")
print("gradient dtype:", tape.gradient(loss, layer16.kernel).dtype.name)

# %% What else runs in 16 bits under mixed precision
labels = np.arange(BATCH) % SIZE
X16 = tf.cast(X, tf.bfloat16)  # a bfloat16 target: no float32 input to promote
found = {
    "sum": tf.reduce_sum(y16),
    "softmax": tf.keras.layers.Softmax()(y16),
    "softmax, asked for float32": tf.keras.layers.Softmax(dtype="float32")(y16),
    "MSE loss": tf.keras.losses.MeanSquaredError()(X16, y16),
    "cross-entropy loss": tf.keras.losses.SparseCategoricalCrossentropy(
        from_logits=True)(labels, y16),
}
for name, value in found.items():
    print(f"under mixed bfloat16, {name}: {value.dtype.name}")
print("MSE loss inputs:", y16.dtype.name, X16.dtype.name)


# %% The precision lost, against a float64 reference
def relative_error(y):
    y = tf.cast(y, tf.float64).numpy()
    return np.linalg.norm(y - reference) / np.linalg.norm(reference)


e32, e16 = relative_error(y32), relative_error(y16)
print(f"relative error against float64: float32 {e32:.1e}, bfloat16 {e16:.1e}")
print(f"bfloat16 error / float32 error: {e16 / e32:.0f}")
print(f"half the bfloat16 epsilon: {2.0**-8:.1e}")
