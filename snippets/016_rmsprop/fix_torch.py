# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import torch

CURVATURES = (1.0, 25.0)  # the day-14 bowl, f(w) = 0.5 * (w1^2 + 25 * w2^2)
W0 = (-4.0, 1.0)
LR, RHO, EPS, STEPS = 0.1, 0.9, 1e-10, 300  # the same rate for both
SHOWN = (10, 60, 300)  # the steps printed
LAST = 50  # the final steps checked for the cycle
print(f"learning rate: {LR}, rho: {RHO}, epsilon: {EPS}, steps: {STEPS}")
A, w0 = torch.tensor(CURVATURES), np.array(W0, np.float32)
optimizers = {  # defaults aligned with Keras's (see the step snippets)
    "adagrad": (torch.optim.Adagrad,
                dict(lr=LR, initial_accumulator_value=0.0, eps=EPS)),
    "rmsprop": (torch.optim.RMSprop,
                dict(lr=LR, alpha=RHO, eps=EPS)),
}


# %% One step
def step(w, opt):
    opt.zero_grad()
    loss = 0.5 * torch.sum(A * w**2)
    loss.backward()
    opt.step()
    return w.grad


# %% 300 steps each, measuring the rate each parameter got
runs = {}
for name, (optimizer, kwargs) in optimizers.items():
    w = torch.tensor(w0, requires_grad=True)
    opt = optimizer([w], **kwargs)
    rates, path = [], []
    for t in range(STEPS):
        before = w.detach().numpy().copy()
        g = step(w, opt).numpy()
        rates.append((before - w.detach().numpy()) / g)  # effective rates
        path.append(w.detach().numpy().copy())
    runs[name] = np.array(rates), np.array(path)

# %% Results
print("optimizer step  rate w1  rate w2  distance")
for name, (rates, path) in runs.items():
    distances = np.linalg.norm(path, axis=1)
    for t in SHOWN:
        print(f"{name:<9} {t:<5} {rates[t - 1, 0]:.4f}   {rates[t - 1, 1]:.4f}"
              f"   {distances[t - 1]:.4f}")
    print(f"{name} closest approach: {distances.min():.1e} at step "
          f"{distances.argmin() + 1}")
print("adagrad w1 rate rose at some step:",
      bool(np.any(np.diff(runs["adagrad"][0][:, 0]) > 0)))
end = np.abs(runs["rmsprop"][1][-LAST:])
print(f"rmsprop |w| over the last {LAST} steps: from {end.min():.4f} "
      f"to {end.max():.4f}")

# %% Figure
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
for (name, (rates, path)), color in zip(runs.items(), ("C0", "C1")):
    ax1.semilogy(rates[:, 0], color=color, label=f"{name} w1")
    ax1.semilogy(rates[:, 1], color=color, linestyle="--", label=f"{name} w2")
    ax2.semilogy(np.linalg.norm(path, axis=1), color=color, label=name)
for lam in CURVATURES:  # 2 / curvature: the edge of stability
    ax1.axhline(2 / lam, color="gray", linestyle=":")
ax1.set(title="effective learning rate", xlabel="step", ylim=(5e-4, 500))
ax2.set(title="distance to the minimum", xlabel="step")
ax1.legend(ncol=2, loc="upper left")
ax2.legend()
fig.suptitle(f"Adagrad and RMSProp on the day-14 bowl, lr {LR}")
plt.show()
