# %% Settings
import math

import matplotlib.pyplot as plt
import numpy as np
import torch

CURVATURES = (1.0, 25.0)  # f(w) = 0.5 * (w1^2 + 25 w2^2), condition number 25
W0 = (-4.0, 1.0)
LR, MU, STEPS, TARGET = 0.05, 0.7, 200, 1e-6
HIGH_MU, HIGH_LR = 0.9, 0.07  # for the pitfalls
print(f"learning rate: {LR}, momentum: {MU}, steps: {STEPS}, target: {TARGET}")
print(f"pitfalls: momentum {HIGH_MU}, learning rate {HIGH_LR}")

# %% What theory predicts
factors = [1 - LR * lam for lam in CURVATURES]
print(f"gradient descent factors 1 - lr*lambda: {factors[0]:.2f}, "
      f"{factors[1]:.2f}")
slow = 0.5 * CURVATURES[0] * W0[0] ** 2  # the slow coordinate's share of f
print(f"predicted: {slow:.0f} * {factors[0]:.2f}^(2t) < {TARGET} after "
      f"{math.log(slow / TARGET) / (-2 * math.log(factors[0])):.0f} steps")
print(f"heavy-ball modulus sqrt(mu): {math.sqrt(MU):.2f}")
print("Nesterov slow modulus sqrt(mu (1 - lr*lambda_min)): "
      f"{math.sqrt(MU * factors[0]):.2f}")
lam = CURVATURES[1]  # the largest curvature sets each stability limit
limits = (2 / lam, 2 * (1 + MU) / lam, 2 * (1 + MU) / (1 + 2 * MU) / lam)
print("limits on lr: GD {:.4f}, heavy-ball {:.4f}, Nesterov {:.4f}".format(
    *limits))
print("lr {} / limit: GD {:.3f}, heavy-ball {:.3f}, Nesterov {:.3f}".format(
    LR, *(LR / x for x in limits)))
best_lr = 2 / (CURVATURES[0] + CURVATURES[1])  # GD's fastest constant rate
print(f"GD's fastest constant rate 2/(min+max): {best_lr:.4f}")
A, w0 = torch.tensor(CURVATURES), np.array(W0, np.float32)

# %% One step
def step(w, opt):
    opt.zero_grad()
    loss = 0.5 * torch.sum(A * w**2)
    loss.backward()
    opt.step()
    return loss.detach()


# %% A race of STEPS steps
def race(lr, mu, nesterov):
    w = torch.tensor(w0, requires_grad=True)
    opt = torch.optim.SGD([w], lr=lr, momentum=mu, nesterov=nesterov)
    path, losses = [w0], []
    for _ in range(STEPS):
        losses.append(float(step(w, opt)))  # the loss before this step
        path.append(w.detach().numpy().copy())
    below = [t for t, loss in enumerate(losses) if loss < TARGET]
    diverged = not losses[-1] < losses[0]  # nan counts as diverged
    print(f"{lr:<6.3g} {mu:<4} {losses[20]:.4e} "
          f"{below[0] if below else 'never':>5}  {diverged}")
    return np.array(path), losses, below[0] if below else None


# %% The race
print("method            lr     mu   loss@20    steps  diverged")
runs = {"gradient descent": (LR, 0.0, False), "heavy-ball": (LR, MU, False),
        "nesterov": (LR, MU, True)}
results = {}
for name, args in runs.items():
    print(f"{name:<17}", end=" ")
    results[name] = race(*args)
print(f"{'gradient descent':<17}", end=" ")  # at its fastest constant rate
gd_best, gd, hb = (race(best_lr, 0.0, False)[2],
                   results["gradient descent"][2], results["heavy-ball"][2])
print(f"heavy-ball's speed-up over GD: {gd / hb:.1f}x at lr {LR}, "
      f"{gd_best / hb:.1f}x at lr {best_lr:.4f}")

# %% Pitfalls: too much momentum, and a larger learning rate
print(f"{'heavy-ball':<17}", end=" ")
race(LR, HIGH_MU, False)
for name, nesterov in (("heavy-ball", False), ("nesterov", True)):
    print(f"{name:<17}", end=" ")
    race(HIGH_LR, MU, nesterov)
print(f"Nesterov's limit on lr*lambda: {2 * (1 + MU) / (1 + 2 * MU):.2f}, "
      f"heavy-ball's: {2 * (1 + MU):.2f}, here: {HIGH_LR * CURVATURES[1]:.2f}")

# %% Figure
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
X, Y = np.meshgrid(np.linspace(-4.5, 1, 200), np.linspace(-1.5, 1.5, 200))
levels = np.geomspace(0.01, 20, 12)
ax1.contour(X, Y, 0.5 * (X**2 + 25 * Y**2), levels=levels, colors="lightgray")
for name, (path, losses, _) in results.items():
    ax1.plot(path[:60, 0], path[:60, 1], ".-", label=name)
    ax2.semilogy(losses, label=name)
ax1.set(title="first 60 steps", xlabel="w1", ylabel="w2")
ax2.axhline(TARGET, color="gray", linestyle=":")
ax2.set(title="loss before each step", xlabel="step")
ax1.legend()
fig.suptitle(f"Momentum on a narrow bowl (lr {LR}, momentum {MU})")
plt.show()
