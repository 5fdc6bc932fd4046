import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(0)
tf.config.experimental.enable_tensor_float_32_execution(False)  # true float32 matmuls on recent GPUs too
rng = np.random.default_rng(0)

# Range (largest value) and precision (epsilon: the gap between 1 and the next number) of three formats.
for dtype in (tf.float32, tf.bfloat16, tf.float16):
    one = tf.constant(1.0, dtype)
    eps = next(2.0 ** -k for k in range(30) if one + 2.0 ** -(k + 1) == one)
    print(f"{dtype.name}: largest {float(dtype.max):.4g}, epsilon {eps:.3g}")
big, tiny = tf.constant(70000.0), tf.constant(1e-8)
print("70000 in float16:", float(tf.cast(big, tf.float16)), "| in bfloat16:", float(tf.cast(big, tf.bfloat16)))
print("1e-8 in float16:", float(tf.cast(tiny, tf.float16)), "| scaled by 2**16 first:",
      f"{float(tf.cast(tiny * 2**16, tf.float16)) / 2**16:.4g}")

# The same 256 x 256 layer in float32 and under the mixed_bfloat16 policy, with weights from NumPy.
W, X = rng.normal(size=(256, 256)) / 16, rng.normal(size=(64, 256)).astype(np.float32)
reference = X.astype(np.float64) @ W
layer32 = tf.keras.layers.Dense(256, use_bias=False)
tf.keras.mixed_precision.set_global_policy("mixed_bfloat16")  # compute in bfloat16, keep variables in float32
layer16 = tf.keras.layers.Dense(256, use_bias=False)
for layer in (layer32, layer16):
    layer.build((None, 256))
    layer.set_weights([W])
y32 = layer32(X)
with tf.GradientTape() as tape:
    y16 = layer16(X)
    loss = tf.reduce_mean(tf.cast(y16, tf.float32) ** 2)  # reduce in float32
print("output dtype:", y32.dtype.name, "| under the policy:", y16.dtype.name, "| weights:", layer16.kernel.dtype)


def relative_error(y):
    y = tf.cast(y, tf.float64).numpy()
    return np.linalg.norm(y - reference) / np.linalg.norm(reference)


print(f"relative error against float64: float32 {relative_error(y32):.1e}, bfloat16 {relative_error(y16):.1e}")
print("gradient dtype:", tape.gradient(loss, layer16.kernel).dtype.name)
