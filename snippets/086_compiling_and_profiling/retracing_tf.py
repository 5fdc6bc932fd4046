# %% Settings
import logging
import re

import keras
import numpy as np
import tensorflow as tf

DATA_SEED, SEED = 0, 0
N, FEATURES, HIDDEN, CLASSES = 512, 64, 256, 10
for name in "DATA_SEED SEED N FEATURES HIDDEN CLASSES".split():
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
# %% Data and a small network
rng = np.random.default_rng(DATA_SEED)
X = tf.constant(rng.normal(size=(N, FEATURES)).astype("float32"))
keras.utils.set_random_seed(SEED)
model = keras.Sequential([keras.Input((FEATURES,)),
                          keras.layers.Dense(HIDDEN, activation="relu"),
                          keras.layers.Dense(CLASSES)])
BATCHES = (N, N // 2, N // 4)
print("batch sizes tried:", BATCHES)
# %% Count every new graph
# Python code in a tf.function runs only while tracing
logged = []  # TensorFlow's log messages, kept here instead of shown
catch = logging.Handler()
catch.emit = lambda record: logged.append(record.getMessage())
tf.get_logger().handlers = [catch]
def retraced():  # the retracing warnings among them
    return [m for m in logged if "triggered tf.function retracing" in m]
def counter():
    counts = []
    def traced(x, scale=1):
        counts.append(x.shape)  # runs once per trace, not per call
        return model(x, training=False) * scale
    return counts, traced
# %% New input shapes
for label, options in (("default", {}),
                       ("reduce_retracing=True", {"reduce_retracing": True})):
    counts, traced = counter()
    f = tf.function(traced, **options)
    seen = []
    for batch in BATCHES:
        f(X[:batch])
        seen.append(len(counts))
    print(f"new shapes, {label}: traces so far {seen}")
print("retracing warnings so far:", len(retraced()))
# %% Python numbers as arguments
for label, scales in (("Python floats", (0.5, 1.0, 2.0)),
                      ("tensors", [tf.constant(s) for s in (0.5, 1.0, 2.0)])):
    counts, traced = counter()
    f = tf.function(traced)
    seen = []
    for scale in scales:
        f(X, scale)
        seen.append(len(counts))
    print(f"scale as {label}: traces so far {seen}")
print("retracing warnings logged by TensorFlow:", len(retraced()))
first = re.sub(r"<function .*? at 0x\w+>", "traced", retraced()[0])
print("the first:", first.split(" Tracing")[0])
# %% A Python branch on a tensor's value
@tf.function
def clipped(x):
    y = model(x, training=False)
    if tf.reduce_sum(y) > 0:  # AutoGraph turns this into tf.cond
        return tf.minimum(y, 1.0)
    return y
graph = clipped.get_concrete_function(X).graph
ops = [op.type for op in graph.get_operations()]
print("graphs: 1, cond ops in it:", sum("If" in op for op in ops))
# %% Python side effects in a compiled function
appended = []
@tf.function
def noted(x):
    appended.append(1)  # Python: runs while tracing, not at every call
    return x * 2
for _ in range(3):
    noted(X)
print("3 calls: list appends", len(appended))
