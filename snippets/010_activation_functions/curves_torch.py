import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn.functional as F

activations = {
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "relu": torch.relu,
    "leaky_relu": lambda x: F.leaky_relu(x, negative_slope=0.1),
    "gelu": lambda x: F.gelu(x, approximate="none"),
}
x = torch.tensor(np.linspace(-10.0, 10.0, 2001), requires_grad=True)
values, slopes = {}, {}
for name, f in activations.items():
    y = f(x)
    (dy,) = torch.autograd.grad(y.sum(), x)
    values[name], slopes[name] = y.detach().numpy(), dy.numpy()
xs = x.detach().numpy()

for name in ("sigmoid", "tanh"):
    peak = slopes[name].argmax()
    print(f"{name}' max: {slopes[name][peak]:.4f} at x = {xs[peak]:.2f}")
    print(f"{name}'(10) / {name}' max: {slopes[name][-1] / slopes[name][peak]:.3g}")
low = values["gelu"].argmin()
print(f"gelu min: {values['gelu'][low]:.4f} at x = {xs[low]:.2f}")
approx = F.gelu(x, approximate="tanh").detach().numpy()  # the tanh approximation of GELU
print(f"gelu exact vs tanh approximation, max |difference|: {np.abs(approx - values['gelu']).max():.2g}")

fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
for name in activations:
    style = "--" if name == "leaky_relu" else "-"  # dashed, so ReLU stays visible for x > 0
    left.plot(xs, values[name], style, label=name)
    right.plot(xs, slopes[name], style, label=name)
left.set(title="activation f(x)", xlabel="x", xlim=(-5, 5), ylim=(-1.2, 3))
right.set(title="derivative f'(x), by autodiff", xlabel="x", xlim=(-5, 5), ylim=(-0.2, 1.2))
for ax in (left, right):
    ax.grid(alpha=0.3)
    ax.legend()
plt.tight_layout()
plt.show()
