# %% Settings and data
import time
import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn
N, D, NOISE = 2048, 64, 0.1  # examples, features, noise standard deviation
SEEDS = (0, 1, 2)  # each seed draws new data and a new shuffling order
TARGET = 0.02  # we count the updates until the training loss is below this
RUNS = {"batch": (2048, 0.1, 30), "mini-batch": (32, 0.05, 3),
        "stochastic": (1, 0.002, 1)}  # batch size, learning rate, epochs
print(f"examples: {N}, features: {D}, noise: {NOISE}, seeds: {SEEDS}")
def make_data(seed):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((N, D)).astype(np.float32)
    w = rng.standard_normal((D, 1)).astype(np.float32)
    y = x @ w + 0.5 + NOISE * rng.standard_normal((N, 1)).astype(np.float32)
    a = np.hstack([x, np.ones((N, 1))])  # float64, with a column of ones
    lsq = np.linalg.lstsq(a, y, rcond=None)[1][0] / N  # least-squares min
    return x, y, np.mean((x @ w + 0.5 - y) ** 2), lsq  # floor: loss of true w
# %% Stability limits
full = np.hstack([make_data(SEEDS[0])[0], np.ones((N, 1))])  # float64
print("run         B     epochs updates lr     limit  lr/limit top eigenvalue")
for name, (b, lr, epochs) in RUNS.items():
    top = np.median([np.linalg.eigvalsh(2 / b * a.T @ a)[-1]  # 64 batches
                     for a in np.split(full, N // b)[:64]])
    print(f"{name:<11} {b:<5} {epochs:<6} {epochs * N // b:<7} {lr:<6} "
          f"{2 / top:<6.4f} {lr * top / 2:<8.3f} {top:.2f}")
eig = np.linalg.eigvalsh(2 / N * full.T @ full)
best_lr = round(2 / (eig[0] + eig[-1]), 2)  # the fastest constant rate
print(f"batch Hessian eigenvalues {eig[0]:.2f} to {eig[-1]:.2f}, "
      f"fastest constant rate 2/(min+max): {best_lr}")
# %% Model and one update step
def make_step(x, y, lr):
    X, Y = torch.tensor(x), torch.tensor(y)
    model = nn.Linear(D, 1)
    nn.init.zeros_(model.weight)  # w, b = 0
    nn.init.zeros_(model.bias)
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    def step(idx):
        loss = ((model(X[idx]) - Y[idx]) ** 2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        return model.weight.detach().T, model.bias.detach()  # new w, b
    return step
# %% Training: the full loss after every update
def train(x, y, batch_size, lr, epochs, seed):
    step = make_step(x, y, lr)
    shuffle = np.random.default_rng(seed)  # the same order in both twins
    losses, durations = [], []
    for order in [shuffle.permutation(N) for epoch in range(epochs)]:
        for start in range(0, N, batch_size):
            idx = torch.from_numpy(order[start : start + batch_size])
            tic = time.perf_counter()
            w, b = step(idx)
            durations.append(time.perf_counter() - tic)
            losses.append(np.mean((x @ w.numpy() + b.numpy() - y) ** 2))
    return np.array(losses), durations
# %% Three runs on three seeds
curves, floors, firsts, times = {}, {}, {}, {n: [] for n in RUNS}
print("seed run         updates to <0.02  after 1 epoch  final loss")
for seed in SEEDS:
    x, y, floors[seed], lsq = make_data(seed)
    for name, (b, lr, epochs) in RUNS.items():
        losses, durations = train(x, y, b, lr, epochs, seed + 1)
        curves[seed, name], times[name] = losses, times[name] + durations
        first = firsts[seed, name] = np.argmax(losses < TARGET) + 1  # 1-based
        print(f"{seed:<4} {name:<11} {first:>16} {losses[N // b - 1]:>14.4f}"
              f" {losses[-1]:>11.4f}")
    mini = curves[seed, "mini-batch"][N // 32 - 1]  # after one epoch
    caught = np.argmax(curves[seed, "batch"] <= mini) + 1  # batch epochs
    print(f"{seed:<4} noise floor {floors[seed]:.4f}  least squares {lsq:.5f}"
          f"  batch catch-up: {caught}")
fast = train(*make_data(SEEDS[0])[:2], N, best_lr, 30, SEEDS[0] + 1)[0]
print(f"batch at lr {best_lr}, seed {SEEDS[0]}: updates to <0.02: "
      f"{np.argmax(fast < TARGET) + 1}, after 1 epoch: {fast[0]:.4f}")
# %% Cost per update
# verified: timing
print("timings: this machine, under its load at the time; not asserted\n"
      "run         samples/update  us/update  us/sample  ms to <0.02 (seed 0)")
for name, (b, _, _) in RUNS.items():
    t = np.median(times[name])  # per update; the median resists hiccups
    print(f"{name:<11} {b:>14} {1e6 * t:>10.1f} {1e6 * t / b:>10.3f}"
          f" {1e3 * t * firsts[SEEDS[0], name]:>12.2f}")
# %% Figure
fig, axes = plt.subplots(1, 2, figsize=(10, 4))
for name, (b, _, _) in RUNS.items():
    losses = curves[SEEDS[0], name]
    updates = np.arange(1, len(losses) + 1)
    for ax, scale in zip(axes, (b / N, 1)):  # epochs, updates
        ax.plot(updates * scale, losses, label=f"{name} (B={b})")
for ax, axis in zip(axes, ("epochs", "updates")):
    ax.axhline(floors[SEEDS[0]], color="gray", linestyle=":", label="floor")
    ax.set(xscale="log", yscale="log", xlabel=axis, ylabel="training loss")
    ax.legend()
fig.suptitle(f"Training loss after every update (seed {SEEDS[0]})")
plt.show()
