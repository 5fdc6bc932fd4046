# verified: gpu
# %% Settings and the GPU
import time

import tensorflow as tf

SEED = 0
SIZE = 4096  # a SIZE x SIZE float32 matrix: 64 MiB
RUNS = 5  # timed runs after a warm-up; the median is reported
HIDDEN = 256  # the MLP SIZE -> HIDDEN -> 1, on BATCH rows
BATCH = 512
LEARNING_RATE = 0.01
for name in ["SEED", "SIZE", "RUNS", "HIDDEN", "BATCH", "LEARNING_RATE"]:
    print(f"{name}: {globals()[name]}")
tf.keras.utils.set_random_seed(SEED)
tf.config.experimental.enable_tensor_float_32_execution(False)  # true float32
if not (gpus := tf.config.list_physical_devices("GPU")):
    raise RuntimeError("this snippet needs a GPU")
details = tf.config.experimental.get_device_details(gpus[0])
print("GPU:", details.get("device_name"))


# %% Timing asynchronous work
def timed(fn, sync):  # GPU work is queued: wait for it before the clock
    fn()  # warm-up
    sync()
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        sync()
        times.append(time.perf_counter() - start)
    return sorted(times)[RUNS // 2]


def on(device, fn):
    with tf.device(device):
        return fn()


# %% A matrix product on the CPU and on the GPU
a = on("/CPU:0", lambda: tf.random.normal((SIZE, SIZE)))  # on the CPU
a_gpu = on("/GPU:0", lambda: tf.identity(a))
sync = tf.test.experimental.sync_devices
cpu = timed(lambda: on("/CPU:0", lambda: a @ a), lambda: None)
gpu = timed(lambda: on("/GPU:0", lambda: a_gpu @ a_gpu), sync)
copy = timed(lambda: on("/GPU:0", lambda: tf.identity(a)), sync)
print(f"{SIZE} x {SIZE} matmul: CPU {cpu * 1e3:.1f} ms, GPU {gpu * 1e3:.2f} ms,"
      f" speedup {cpu / gpu:.0f}x")
print(f"copying the matrix to the GPU: {copy * 1e3:.2f} ms")

# %% A CPU tensor meets a GPU tensor
mixed = a + a_gpu  # no device scope: TensorFlow picks the device itself
print("CPU tensor + GPU tensor: works, result on",
      mixed.device.split("device:")[-1])


# %% A float16 product
def half():
    with tf.device("/GPU:0"):
        a16 = tf.cast(a_gpu, tf.float16)
        return a16 @ a16


exact = on("/GPU:0", lambda: a_gpu @ a_gpu)
error = float(tf.norm(tf.cast(half(), tf.float32) - exact) / tf.norm(exact))
print(f"float16 matmul: {timed(half, sync) * 1e3:.2f} ms,"
      f" relative error {error:.1e}")

# %% What runs in float32 under float16 on a GPU
tf.keras.mixed_precision.set_global_policy("mixed_float16")  # from here on
with tf.device("/GPU:0"):
    layers = [tf.keras.Input((SIZE,)), tf.keras.layers.Dense(HIDDEN, "relu")]
    net = tf.keras.Sequential([*layers, tf.keras.layers.Dense(1)])
    h = net.layers[0](a_gpu[:BATCH])  # float16 under the policy
    found = {
        "sum": tf.reduce_sum(h),
        "softmax": tf.keras.layers.Softmax()(h),
        "MSE loss": tf.keras.losses.MeanSquaredError()(tf.zeros_like(h), h),
        "cross-entropy loss": tf.keras.losses.SparseCategoricalCrossentropy(
            from_logits=True)(tf.zeros(BATCH, tf.int32), h),
    }
for key, value in found.items():
    print(f"under float16 on the GPU, {key}: {value.dtype.name}")

# %% One training step with float16 and loss scaling
with tf.device("/GPU:0"):
    sgd = tf.keras.optimizers.SGD(LEARNING_RATE)
    optimizer = tf.keras.mixed_precision.LossScaleOptimizer(sgd)
    optimizer.build(net.trainable_variables)
    with tf.GradientTape() as tape:
        out = net(a_gpu[:BATCH])
        loss = tf.reduce_mean(tf.cast(out, tf.float32) ** 2)
        scaled = optimizer.scale_loss(loss)  # scales the loss: no flush to 0
    grads = tape.gradient(scaled, net.trainable_variables)
    print("output dtype:", out.dtype.name,
          "| parameters:", net.layers[0].kernel.dtype)
    print("gradient dtype:", grads[0].dtype.name,
          "| loss scale:", float(optimizer.dynamic_scale))
    optimizer.apply_gradients(zip(grads, net.trainable_variables))  # unscales
