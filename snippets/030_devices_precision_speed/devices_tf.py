# %% Choosing a device
import numpy as np
import tensorflow as tf

SEED = 0
tf.keras.utils.set_random_seed(SEED)
print(f"SEED: {SEED}")
gpus = tf.config.list_physical_devices("GPU")
device = "/GPU:0" if gpus else "/CPU:0"  # use a GPU when there is one
print("GPUs visible:", len(gpus))
print("chosen device:", device)


def where(t):  # '/job:localhost/replica:0/task:0/device:CPU:0' -> 'CPU:0'
    return t.device.split("device:")[-1]


# %% Creating a tensor
x = tf.constant(np.arange(6.0).reshape(2, 3), tf.float32)  # placed for you:
print("x lives on:", where(x))  # on the GPU, if there is one

# %% Moving data and a layer to the device
with tf.device(device):  # or ask for a device explicitly
    x_dev = tf.identity(x)  # a copy made on that device
    net = tf.keras.layers.Dense(1, kernel_initializer="ones")
    y = net(x_dev)
print("x_dev lives on:", where(x_dev))
print("parameters live on:", where(net.kernel.value))
print("output lives on:", where(y))

# %% Back to the host
print("back in NumPy:", y.numpy().ravel())  # .numpy() copies to host memory
with tf.device("/CPU:0"):
    print("on the CPU, explicitly:", where(tf.identity(x_dev)))
