# %% Settings
import json
import platform
import tempfile
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import torch
from tensorboard.backend.event_processing.event_accumulator import (
    EventAccumulator)
from torch.utils.tensorboard import SummaryWriter

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
Xt, yt = torch.tensor(X), torch.tensor(y)
print("X:", X.shape, "y:", y.shape)
A = np.c_[X, np.ones(N)]  # the best a linear model can do: least squares
floor = np.mean((A @ np.linalg.lstsq(A, y, rcond=None)[0] - y) ** 2)
print(f"least-squares floor of the loss: {floor:.4f}")
# %% The configuration, saved as JSON beside the run
def save_config(lr, logdir):  # hyperparameters and versions
    config = {"learning_rate": lr, "seed": SEED, "steps": STEPS,
              "optimizer": "SGD", "framework": f"torch {torch.__version__}",
              "python": platform.python_version()}
    Path(logdir).mkdir(parents=True)
    (Path(logdir) / "config.json").write_text(json.dumps(config))
    return config
# %% A run that logs its loss and its configuration
def train(lr, logdir):
    config = save_config(lr, logdir)
    torch.manual_seed(SEED)
    model = torch.nn.Linear(FEATURES, 1)
    sgd = torch.optim.SGD(model.parameters(), lr=lr)
    writer = SummaryWriter(logdir)
    writer.add_text("config", json.dumps(config), 0)
    losses = []
    for step in range(STEPS):
        sgd.zero_grad()
        loss = ((model(Xt) - yt) ** 2).mean()
        loss.backward()
        sgd.step()
        writer.add_scalar("loss", loss.item(), step)  # into the file
        losses.append(loss.item())  # and kept by the loop
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
      len(default.Scalars("loss")), "of", STEPS)
def read(logdir):  # {"scalars": 0}: keep every scalar event
    events = EventAccumulator(logdir, size_guidance={"scalars": 0})
    events.Reload()
    return [e.value for e in events.Scalars("loss")]  # float32 values
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
ax.set_title("PyTorch: two runs' losses, read back from the event files")
plt.show()
