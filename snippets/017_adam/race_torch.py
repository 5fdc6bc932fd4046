# %% Settings: three starts, one budget, one grid of learning rates
import matplotlib.pyplot as plt
import numpy as np
import torch

START = (-1.2, 1.0)  # the classic start; the minimum is at (1, 1)
SEED, SPREAD = 0, 0.1  # two more starts, drawn around the classic one
STEPS = 500  # the budget, the same for every optimizer
RATES = (1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 1.0)  # the grid searched
PROBES = {"momentum 0.9": (0.0025, 0.0027, 0.0029), "adagrad": (1.5, 3.0),
          "adam": (0.6,)}  # a few rates off the grid, run alongside it
rng = np.random.default_rng(SEED)
starts = np.vstack([START, START + SPREAD * rng.standard_normal((2, 2))])
starts = starts.astype(np.float32)
print(f"steps: {STEPS}, learning-rate grid: {RATES}")
for name, rates in PROBES.items():
    print(f"off the grid, {name}: {rates}")
for k, (x, y) in enumerate(starts):
    print(f"start {k}: ({x:.4f}, {y:.4f})")
# %% The optimizers, other settings aligned between the frameworks
optimizers = {  # each: (class, settings other than the learning rate)
    "gradient descent": (torch.optim.SGD, {}),
    "momentum 0.9": (torch.optim.SGD, dict(momentum=0.9)),
    "adagrad": (torch.optim.Adagrad,
                dict(initial_accumulator_value=0.0, eps=1e-10)),
    "rmsprop": (torch.optim.RMSprop, dict(alpha=0.9, eps=1e-10)),
    "adam": (torch.optim.Adam, dict(betas=(0.9, 0.999), eps=1e-8)),
}

def rosenbrock(w):  # one row of w per start; the starts do not interact
    return (1 - w[:, 0]) ** 2 + 100 * (w[:, 1] - w[:, 0] ** 2) ** 2
# %% A run: STEPS steps from all three starts at once
def run(ws, opt):  # ws: one tensor of starts per learning rate
    path = []
    for _ in range(STEPS):
        opt.zero_grad()
        sum(rosenbrock(w).sum() for w in ws).backward()
        opt.step()
        path.append([w.detach().numpy().copy() for w in ws])
    return np.array(path)  # shape (STEPS, rates, starts, 2)
# %% A fresh optimizer for each learning rate
def race(name):  # {lr: path of shape (STEPS, starts, 2)}
    optimizer, kwargs = optimizers[name]
    rates = RATES + PROBES.get(name, ())
    ws = [torch.tensor(starts, requires_grad=True) for _ in rates]
    groups = [{"params": [w], "lr": lr} for w, lr in zip(ws, rates)]
    path = run(ws, optimizer(groups, **kwargs))  # a group per rate
    return {lr: path[:, i] for i, lr in enumerate(rates)}
# %% The grid: mean distance to (1, 1) after STEPS steps
paths, grid = {}, {}
print(f"{'learning rate':<16}" + "".join(f"{lr:>7g}" for lr in RATES))
for name in optimizers:
    for lr, path in race(name).items():
        paths[name, lr] = path
        d = np.linalg.norm(paths[name, lr][-1] - 1, axis=1)  # one per start
        grid[name, lr] = d.mean() if np.all(d < 1e6) else np.inf  # or nan
    print(f"{name:<16}" + "".join(f"{grid[name, lr]:7.4f}" if grid[name, lr]
                                  < np.inf else "    div" for lr in RATES))
# %% The race: each optimizer at its best rate of the grid
best = {name: min(RATES, key=lambda lr: grid[name, lr]) for name in optimizers}
print("optimizer        best lr  start 0  start 1  start 2  mean")
for name, lr in best.items():
    d = np.linalg.norm(paths[name, lr][-1] - 1, axis=1)
    print(f"{name:<16} {lr:<7g}  " + "  ".join(f"{x:.4f} " for x in d)
          + f" {d.mean():.4f}")
top = [name for name, lr in best.items() if lr == RATES[-1]]
print(f"best rate at the top edge of the grid: {', '.join(top) or 'none'}")
# %% A closer look: momentum's edge, and the rates off the grid
print("closer look      lr       start 0  start 1  start 2  mean")
for name, rates in [("momentum 0.9", (3e-3,)), *PROBES.items()]:
    for lr in rates:
        d = np.linalg.norm(paths[name, lr][-1] - 1, axis=1)  # nan: diverged
        print(f"{name:<16} {lr:<7g}  " + "  ".join(
            f"{x:.4f} " if x < 1e6 else "div    " for x in d)
            + (f" {d.mean():.4f}" if np.all(d < 1e6) else " div"))
# %% Figure: the classic start
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4.5))
X, Y = np.meshgrid(np.linspace(-2, 2, 300), np.linspace(-1, 3, 300))
Z = rosenbrock(np.stack([X.ravel(), Y.ravel()], axis=1))
ax1.contour(X, Y, Z.reshape(X.shape), levels=np.geomspace(0.1, 2000, 15),
            colors="lightgray")
for name, lr in best.items():
    path = np.vstack([starts[:1], paths[name, lr][:, 0]])
    ax1.plot(path[:, 0], path[:, 1], ".-", markersize=2, linewidth=0.8,
             label=f"{name} (lr {lr:g})")
    ax2.semilogy(rosenbrock(path), label=name)
ax1.plot(1, 1, "k*", markersize=12)
ax1.set(title="trajectories from start 0", xlim=(-2, 2), ylim=(-1, 3))
ax2.set(title="loss", xlabel="step")
ax2.legend()
fig.suptitle(f"Five optimizers on the Rosenbrock function, {STEPS} steps")
plt.show()
