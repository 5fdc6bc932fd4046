# %% Settings
import json
import platform
import tempfile
from pathlib import Path

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from tensorboard.backend.event_processing.event_accumulator import (
    EventAccumulator)

DATA_SEED, SEED = 0, 0
N, FEATURES, STEPS = 512, 8, 50  # full-batch gradient steps
LEARNING_RATES = (0.01, 0.1)  # one run each, SGD
for name in "DATA_SEED SEED N FEATURES STEPS LEARNING_RATES".split():
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
# %% Data: a noisy linear target, generated with NumPy
rng = np.random.default_rng(DATA_SEED)
X = rng.normal(size=(N, FEATURES)).astype("float32")
y = (X @ rng.normal(size=FEATURES) + 0.1 * rng.normal(size=N))
y = y.astype("float32")[:, None]
print("X:", X.shape, "y:", y.shape)
A = np.c_[X, np.ones(N)]  # the best a linear model can do: least squares
floor = np.mean((A @ np.linalg.lstsq(A, y, rcond=None)[0] - y) ** 2)
print(f"least-squares floor of the loss: {floor:.4f}")
# %% The configuration, saved as JSON beside the run
def save_config(lr, logdir):  # hyperparameters and versions
    config = {"learning_rate": lr, "seed": SEED, "steps": STEPS,
              "optimizer": "SGD", "framework": f"tensorflow {tf.__version__}",
              "python": platform.python_version()}
    Path(logdir).mkdir(parents=True)
    (Path(logdir) / "config.json").write_text(json.dumps(config))
    return config
# %% A run that logs its loss and its configuration
def train(lr, logdir):
    config = save_config(lr, logdir)
    keras.utils.set_random_seed(SEED)
    model = keras.layers.Dense(1)
    sgd = keras.optimizers.SGD(lr)
    writer = tf.summary.create_file_writer(logdir)
    with writer.as_default():
        tf.summary.text("config", json.dumps(config), step=0)
        losses = []
        for step in range(STEPS):
            with tf.GradientTape() as tape:
                loss = tf.reduce_mean((model(X) - y) ** 2)
            grads = tape.gradient(loss, model.trainable_variables)
            sgd.apply_gradients(zip(grads, model.trainable_variables))
            tf.summary.scalar("loss", loss, step=step)  # into the file
            losses.append(float(loss))  # and kept by the loop
    writer.close()
    return losses
# %% Two runs, each in its own temporary directory
root = tempfile.mkdtemp()  # a real project would keep runs/ beside the code
logdirs = {lr: f"{root}/lr_{lr}" for lr in LEARNING_RATES}
recorded = {lr: train(lr, logdir) for lr, logdir in logdirs.items()}
names = sorted(p.name[:19] for p in Path(logdirs[0.1]).iterdir())
print("files in one run:", names)  # event files: events.out.tfevents.*
# %% Reading the event files back
default = EventAccumulator(logdirs[0.1])  # no size_guidance: the default
default.Reload()
print("events read with the default size guidance:",
      len(default.Tensors("loss")), "of", STEPS)
def read(logdir):  # {"tensors": 0}: keep every tensor event
    events = EventAccumulator(logdir, size_guidance={"tensors": 0})
    events.Reload()
    return [float(tf.make_ndarray(e.tensor_proto))
            for e in events.Tensors("loss")]
logged = {lr: read(logdir) for lr, logdir in logdirs.items()}
for lr in LEARNING_RATES:
    same = np.array_equal(np.float32(logged[lr]), np.float32(recorded[lr]))
    print(f"lr {lr}: file's loss {logged[lr][0]:.4f} -> {logged[lr][-1]:.4f} "
          f"in {len(logged[lr])} steps, equal to the loop's: {same}")
# %% Comparing the two runs' configurations
configs = {lr: json.loads((Path(d) / "config.json").read_text())
           for lr, d in logdirs.items()}
a, b = configs.values()
print("keys that differ:", {k: (a[k], b[k]) for k in a if a[k] != b[k]})
print("logged with:", a["framework"], "and python", a["python"])
# %% The two loss curves, drawn from the event files
fig, ax = plt.subplots(figsize=(6, 3.5))
for lr in LEARNING_RATES:
    ax.plot(logged[lr], label=f"learning rate {lr}")
ax.set_xlabel("step")
ax.set_ylabel("mean squared error")
ax.set_yscale("log")
ax.legend()
ax.set_title("TensorFlow: two runs' losses, read back from the event files")
plt.show()
