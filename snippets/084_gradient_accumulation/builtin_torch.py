# %% Settings
import numpy as np
import torch
from torch import nn

DATA_SEED = 0  # the generated data and the initial weights
N_FEATURES = 8
HIDDEN = 32
BATCH_SIZE = 64  # the large batch: one optimizer update
ACCUM_STEPS = 4  # k micro-batches per optimizer update
MICRO_BATCH = 16  # BATCH_SIZE / ACCUM_STEPS
LEARNING_RATE = 0.05
MOMENTUM = 0.9
STEPS = 5  # optimizer updates
HALVE_EVERY = 5  # the schedule halves the learning rate every 5 updates
for name in ["DATA_SEED", "N_FEATURES", "HIDDEN", "BATCH_SIZE", "ACCUM_STEPS",
             "MICRO_BATCH", "LEARNING_RATE", "MOMENTUM", "STEPS",
             "HALVE_EVERY"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data and the model, as in the first snippet
rng = np.random.default_rng(DATA_SEED)
X = rng.normal(size=(BATCH_SIZE * STEPS, N_FEATURES)).astype("float32")
y = np.sin(X @ rng.normal(size=(N_FEATURES, 1))).astype("float32")
W1 = rng.normal(size=(N_FEATURES, HIDDEN)) / np.sqrt(N_FEATURES)
W2 = rng.normal(size=(HIDDEN, 1)) / np.sqrt(HIDDEN)
X, y = torch.tensor(X), torch.tensor(y)
def build():  # 8 -> 32 tanh -> 1, weights copied in (Linear stores W.T)
    model = nn.Sequential(nn.Linear(N_FEATURES, HIDDEN), nn.Tanh(),
                          nn.Linear(HIDDEN, 1))
    with torch.no_grad():
        for layer, W in [(model[0], W1), (model[2], W2)]:
            layer.weight.copy_(torch.tensor(W.T, dtype=torch.float32))
            layer.bias.zero_()
    return model
mse = nn.MSELoss()

# %% What the framework accumulates by itself
model = build()
for calls in (1, 2):  # backward adds into .grad until it is cleared
    mse(model(X[:MICRO_BATCH]), y[:MICRO_BATCH]).backward()
    print(f"after backward call {calls}, .grad[0,0]:",
          round(model[0].weight.grad[0, 0].item(), 4))
model.zero_grad()  # sets .grad to None (set_to_none=True)
print("after zero_grad, .grad is None:", model[0].weight.grad is None)

# %% A learning-rate schedule: count updates, not micro-batches
def final_lr(count_micro_batches):
    model = build()
    sgd = torch.optim.SGD(model.parameters(), LEARNING_RATE, MOMENTUM)
    halving = torch.optim.lr_scheduler.StepLR(sgd, HALVE_EVERY, 0.5)
    for i, (xb, yb) in enumerate(zip(X.split(MICRO_BATCH),
                                     y.split(MICRO_BATCH))):
        (mse(model(xb), yb) / ACCUM_STEPS).backward()
        if (i + 1) % ACCUM_STEPS == 0:
            sgd.step()
            sgd.zero_grad()
            for _ in range(ACCUM_STEPS if count_micro_batches else 1):
                halving.step()  # once per update, or once per micro-batch
    return sgd.param_groups[0]["lr"]
for label, per_micro in [("updates", False), ("micro-batches", True)]:
    print(f"schedule counting {label}, lr after {STEPS} updates: "
          f"{final_lr(per_micro):.6f}")
