# verified: gpu
import time

import tensorflow as tf

tf.keras.utils.set_random_seed(0)
tf.config.experimental.enable_tensor_float_32_execution(False)  # compare true float32 with PyTorch's default
gpu_device = tf.config.list_physical_devices("GPU")[0]
print("GPU:", tf.config.experimental.get_device_details(gpu_device).get("device_name"))


def timed(fn, sync):
    """Median of five runs after a warm-up. GPU work runs asynchronously: wait for it before reading the clock."""
    fn()
    sync()
    times = []
    for _ in range(5):
        start = time.perf_counter()
        fn()
        sync()
        times.append(time.perf_counter() - start)
    return sorted(times)[2]


def on(device, fn):
    with tf.device(device):
        return fn()


a = on("/CPU:0", lambda: tf.random.normal((4096, 4096)))  # 64 MiB of float32, placed on the CPU
a_gpu = on("/GPU:0", lambda: tf.identity(a))
sync = tf.test.experimental.sync_devices
cpu = timed(lambda: on("/CPU:0", lambda: a @ a), lambda: None)
gpu = timed(lambda: on("/GPU:0", lambda: a_gpu @ a_gpu), sync)
copy = timed(lambda: on("/GPU:0", lambda: tf.identity(a)), sync)
print(f"4096 x 4096 matmul: CPU {cpu * 1e3:.1f} ms, GPU {gpu * 1e3:.2f} ms, speedup {cpu / gpu:.0f}x")
print(f"copying the matrix to the GPU: {copy * 1e3:.2f} ms")
mixed = on("/GPU:0", lambda: a + a_gpu)
print("CPU tensor + GPU tensor: works, TensorFlow copied the CPU operand; result on",
      mixed.device.split("device:")[-1])


def half():
    with tf.device("/GPU:0"):
        a16 = tf.cast(a_gpu, tf.float16)
        return a16 @ a16


exact = on("/GPU:0", lambda: a_gpu @ a_gpu)
error = float(tf.norm(tf.cast(half(), tf.float32) - exact) / tf.norm(exact))
print(f"float16 matmul: {timed(half, sync) * 1e3:.2f} ms, relative error {error:.1e}")

# One training step under the mixed_float16 policy with loss scaling.
tf.keras.mixed_precision.set_global_policy("mixed_float16")
with tf.device("/GPU:0"):
    net = tf.keras.Sequential([tf.keras.Input((4096,)), tf.keras.layers.Dense(256, activation="relu"),
                               tf.keras.layers.Dense(1)])
    optimizer = tf.keras.mixed_precision.LossScaleOptimizer(tf.keras.optimizers.SGD(0.01))
    optimizer.build(net.trainable_variables)
    with tf.GradientTape() as tape:
        out = net(a_gpu[:512])
        loss = tf.reduce_mean(tf.cast(out, tf.float32) ** 2)
        scaled = optimizer.scale_loss(loss)  # multiplies the loss so small float16 gradients do not flush to 0
    grads = tape.gradient(scaled, net.trainable_variables)
    print("output dtype:", out.dtype.name, "| parameters:", net.layers[0].kernel.dtype)
    print("gradient dtype:", grads[0].dtype.name, "| loss scale:", float(optimizer.dynamic_scale))
    optimizer.apply_gradients(zip(grads, net.trainable_variables))  # unscales; skips the step if any is inf or nan
