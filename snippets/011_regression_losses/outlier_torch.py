# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import torch
from scipy.optimize import linprog, minimize
from torch import nn

SEED = 0
N_POINTS = 20
NOISE = 0.1  # standard deviation of the noise around y = 2x + 1
OUTLIER = -10.0  # replaces the last point's target
DELTA = 1.0  # Huber's threshold
LEARNING_RATE = 0.1
STEPS = 300
LAST = 50  # report where each fit moved over its last 50 steps
for name in ["SEED", "N_POINTS", "NOISE", "OUTLIER", "DELTA", "LEARNING_RATE",
             "STEPS", "LAST"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: y = 2x + 1 plus noise, and one gross outlier
rng = np.random.default_rng(SEED)
x = np.linspace(-1.0, 1.0, N_POINTS)
y = 2.0 * x + 1.0 + NOISE * rng.standard_normal(N_POINTS)
y[-1] = OUTLIER
X = torch.tensor(x.reshape(-1, 1), dtype=torch.float32)
Y = torch.tensor(y.reshape(-1, 1), dtype=torch.float32)
slope, intercept = np.polyfit(x, y, 1)
print(f"MSE minimiser, least squares: slope {slope:.4f}, "
      f"intercept {intercept:.4f}")

# %% The exact MAE and Huber minimisers, for reference
# MAE: minimise the sum of u_i with u_i >= |w x_i + b - y_i|, a linear program
A = np.c_[x, np.ones(N_POINTS)]
eye = np.eye(N_POINTS)
lp = linprog(np.r_[0, 0, np.ones(N_POINTS)],
             A_ub=np.block([[A, -eye], [-A, -eye]]), b_ub=np.r_[y, -y],
             bounds=[(None, None)] * 2 + [(0, None)] * N_POINTS)
print(f"MAE minimiser, linear program: slope {lp.x[0]:.4f}, "
      f"intercept {lp.x[1]:.4f}")
r = lambda p: np.abs(A @ p - y)  # Huber is smooth and convex: any solver
huber = minimize(lambda p: np.mean(np.where(
    r(p) <= DELTA, 0.5 * r(p) ** 2, DELTA * (r(p) - 0.5 * DELTA))), [0, 0])
print(f"Huber minimiser, BFGS: slope {huber.x[0]:.4f}, "
      f"intercept {huber.x[1]:.4f}")

# %% Gradient descent with a built-in loss, from slope = intercept = 0
def descend(loss_fn):
    line = nn.Linear(1, 1)
    nn.init.zeros_(line.weight)
    nn.init.zeros_(line.bias)
    opt = torch.optim.SGD(line.parameters(), lr=LEARNING_RATE)

    def step():
        loss = loss_fn(line(X), Y)  # PyTorch: (input, target)
        opt.zero_grad()
        loss.backward()
        opt.step()
        return line.weight.item(), line.bias.item()

    return np.array([step() for _ in range(STEPS)])  # (slope, intercept)


# %% The three fits: where they are at the last step, and how they move
losses = {
    "mse": nn.MSELoss(),
    "mae": nn.L1Loss(),
    "huber": nn.HuberLoss(delta=DELTA),
}
fits = {}
for name, loss_fn in losses.items():
    path = descend(loss_fn)
    (w, b), last = path[-1], path[-LAST:]
    fits[name] = w, b
    print(f"{name}, step {STEPS}: slope {w:.4f}, intercept {b:.4f}")
    print(f"  last {LAST} steps: slope {last[:, 0].min():.4f} to "
          f"{last[:, 0].max():.4f}, intercept {last[:, 1].min():.4f} to "
          f"{last[:, 1].max():.4f}")
residual = np.abs(y - (fits["huber"][0] * x + fits["huber"][1]))
print(f"huber fit, largest |residual|: good points {residual[:-1].max():.3f}, "
      f"outlier {residual[-1]:.2f}")

# %% Figure
fig, ax = plt.subplots()
ax.scatter(x, y, color="black", s=15, label="data (one outlier)")
for name, (w, b) in fits.items():
    ax.plot(x, w * x + b, label=f"{name}, step {STEPS}: slope {w:.2f}")
ax.plot(x, 2.0 * x + 1.0, "k:", label="true line: slope 2.00")
ax.set_title("PyTorch: one outlier pulls the MSE fit; MAE and Huber resist")
ax.set_xlabel("x")
ax.set_ylabel("y")
ax.legend()
plt.show()
