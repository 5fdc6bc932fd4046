# %% Settings and the five activations
import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn.functional as F

LEAKY_SLOPE = 0.1
N_POINTS = 2001  # evenly spaced on [-10, 10], 0.01 apart
print(f"leaky slope: {LEAKY_SLOPE}")
print(f"points: {N_POINTS}")
activations = {
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "relu": torch.relu,
    "leaky_relu": lambda x: F.leaky_relu(x, negative_slope=LEAKY_SLOPE),
    "gelu": lambda x: F.gelu(x, approximate="none"),
}

# %% Every activation and its derivative, from one backward pass each
x = torch.tensor(np.linspace(-10.0, 10.0, N_POINTS), requires_grad=True)
values, slopes = {}, {}
for name, f in activations.items():
    y = f(x)
    (dy,) = torch.autograd.grad(y.sum(), x)
    values[name], slopes[name] = y.detach().numpy(), dy.numpy()
xs = x.detach().numpy()

# %% Saturation: sigmoid and tanh
for name in ("sigmoid", "tanh"):
    peak = slopes[name].argmax()
    print(f"{name}' max: {slopes[name][peak]:.4f} at x = {xs[peak]:.2f}")
    ratio = slopes[name][-1] / slopes[name][peak]
    print(f"{name}'(10) / {name}' max: {ratio:.3g}")

# %% Slopes for positive inputs: ReLU, Leaky ReLU, GELU
positive = xs > 0
print(f"{'x > 0':<12}{'min slope':>10}{'max slope':>10}"
      f"{'first grid x, >= 0.9':>23}")
for name in ("relu", "leaky_relu", "gelu"):
    s = slopes[name][positive]
    first = xs[positive][np.argmax(s >= 0.9)]
    print(f"{name:<12}{s.min():>10.3f}{s.max():>10.3f}{first:>23.2f}")
top = slopes["gelu"].argmax()
print(f"gelu' max: {slopes['gelu'][top]:.3f} at x = {xs[top]:.2f}")
rise = positive & (xs <= xs[top])  # where gelu' increases
cross = np.interp(0.9, slopes["gelu"][rise], xs[rise])  # between grid points
print(f"gelu' = 0.9 at x = {cross:.4f}, interpolated")

# %% GELU's shape, and its tanh approximation
low = values["gelu"].argmin()
print(f"gelu min: {values['gelu'][low]:.4f} at x = {xs[low]:.2f}")
approx = F.gelu(x, approximate="tanh").detach().numpy()  # tanh approximation
gap = np.abs(approx - values["gelu"]).max()
print(f"gelu exact vs tanh approximation, max |difference|: {gap:.2g}")

# %% Figure
fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
for name in activations:
    style = "--" if name == "leaky_relu" else "-"  # ReLU stays visible
    left.plot(xs, values[name], style, label=name)
    right.plot(xs, slopes[name], style, label=name)
left.set(title="activation f(x)", xlabel="x", xlim=(-5, 5), ylim=(-1.2, 3))
right.set(title="derivative f'(x), by autodiff", xlabel="x", xlim=(-5, 5),
          ylim=(-0.2, 1.2))
for ax in (left, right):
    ax.grid(alpha=0.3)
    ax.legend()
fig.suptitle("PyTorch: five activations and their derivatives")
plt.tight_layout()
plt.show()
