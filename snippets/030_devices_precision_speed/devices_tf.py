import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(0)
gpus = tf.config.list_physical_devices("GPU")
device = "/GPU:0" if gpus else "/CPU:0"  # use a GPU when there is one
print("GPUs visible:", len(gpus))
print("chosen device:", device)


def where(t):
    return t.device.split("device:")[-1]  # '/job:localhost/replica:0/task:0/device:CPU:0' -> 'CPU:0'


x = tf.constant(np.arange(6.0).reshape(2, 3), tf.float32)  # TensorFlow places it for you: on the GPU if any
print("x lives on:", where(x))
with tf.device(device):  # or ask for a device explicitly
    x_dev = tf.identity(x)  # a copy made on that device
    net = tf.keras.layers.Dense(1, kernel_initializer="ones")
    y = net(x_dev)
print("x_dev lives on:", where(x_dev))
print("parameters live on:", where(net.kernel.value))
print("output lives on:", where(y))
print("back in NumPy:", y.numpy().ravel())  # .numpy() copies to host memory when needed
with tf.device("/CPU:0"):
    print("on the CPU, explicitly:", where(tf.identity(x_dev)))
