# %% Settings
import collections
import pathlib
import re
import tempfile

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from tensorflow.tsl.profiler.protobuf import xplane_pb2

DATA_SEED, SEED = 0, 0
N, FEATURES, HIDDEN, CLASSES = 512, 64, 256, 10
REPEATS = 20  # forward passes recorded
SHARE = 0.02  # the table lists operations above this share of the time
for name in "DATA_SEED SEED N FEATURES HIDDEN CLASSES REPEATS SHARE".split():
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
# %% Data and a small network
rng = np.random.default_rng(DATA_SEED)
X = tf.constant(rng.normal(size=(N, FEATURES)).astype("float32"))
keras.utils.set_random_seed(SEED)
model = keras.Sequential([
    keras.Input((FEATURES,)),
    keras.layers.Dense(HIDDEN, activation="relu", name="hidden1"),
    keras.layers.Dense(HIDDEN, activation="relu", name="hidden2"),
    keras.layers.Dense(CLASSES, name="output")])
forward = tf.function(lambda x: model(x, training=False))
forward(X)  # a warm-up call (the trace), outside the profile
# %% Record a trace of REPEATS forward passes
logdir = tempfile.mkdtemp()
tf.profiler.experimental.start(logdir)
for _ in range(REPEATS):
    forward(X)
tf.profiler.experimental.stop()
path = next(pathlib.Path(logdir).rglob("*.xplane.pb"))  # TensorBoard's input
print("trace file:", path.relative_to(logdir).parts[:2], path.suffixes)
space = xplane_pb2.XSpace.FromString(path.read_bytes())
host = next(p for p in space.planes if p.name == "/host:CPU")
print("threads in the host plane:", len(host.lines))
# %% Each operation's calls and time
ops = collections.defaultdict(lambda: [0, 0])  # name: calls, ms, summed
for line in host.lines:
    for event in line.events:
        name = host.event_metadata[event.metadata_id].name
        if re.fullmatch(r"[\w/]+:\w+", name):  # "op name:OpType" events
            short = name.split("/", 1)[1]  # without the model's name
            ops[short][0] += 1
            ops[short][1] += event.duration_ps / 1e9  # twins differ: ps to ms
print("operations recorded:", len(ops))
print("their types:", sorted({k.split(":")[1] for k in ops}))
# %% The top operations by self CPU time
# verified: timing
total = sum(ms for _, ms in ops.values())
top = sorted((k for k in ops if ops[k][1] >= SHARE * total),
             key=lambda k: -ops[k][1])
print("this machine, self CPU time of the top operations")
print(f"{'operation':<40}{'calls':>6}{'ms':>9}{'share':>8}")
for k in sorted(top):  # by name: the ranking is the figure's
    calls, ms = ops[k]
    print(f"{k:<40}{calls:>6}{ms:>9.2f}{ms / total:>8.1%}")
# %% The same ranking as a bar chart
fig, ax = plt.subplots(figsize=(8, 2.5))
ax.barh(top[::-1], [ops[k][1] / total for k in top[::-1]])
ax.set_xlabel("share of self CPU time (this machine)")
ax.set_title(f"TensorFlow profiler: top operations, {REPEATS} forward passes")
fig.tight_layout()
plt.show()
