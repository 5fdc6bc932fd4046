# %% Settings and the five activations
import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

LEAKY_SLOPE = 0.1  # our choice, never learned
PRELU_INIT = 0.25  # PReLU's starting slope, which training changes
GRID = (-10.0, -3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0, 10.0)
SEED = 0
N_NORMAL = 100_000
for name in ["LEAKY_SLOPE", "PRELU_INIT", "GRID", "SEED", "N_NORMAL"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
activations = {
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "relu": torch.relu,
    "leaky_relu": lambda x: F.leaky_relu(x, negative_slope=LEAKY_SLOPE),
    "gelu": lambda x: F.gelu(x, approximate="none"),  # exact: x * Phi(x)
}


# %% Values and derivatives on the grid, in float64
def table(x, columns):
    print(f"{'x':>5}" + "".join(f"{name:>14}" for name in columns))
    for i, v in enumerate(x):
        print(f"{v:>5g}" + "".join(f"{c[i]:>14.7g}" for c in columns.values()))


x = torch.tensor(GRID, dtype=torch.float64, requires_grad=True)
values, slopes = {}, {}
for name, f in activations.items():
    y = f(x)
    values[name] = y.detach().numpy()
    (dy,) = torch.autograd.grad(y.sum(), x)  # elementwise f: this is f'(x)
    slopes[name] = dy.numpy()
print("f(x)")
table(GRID, values)
print("f'(x), by autodiff")
table(GRID, slopes)

# %% On N(0, 1) inputs: centring, sign, and zero gradients
z = torch.tensor(np.random.default_rng(SEED).standard_normal(N_NORMAL))
z.requires_grad_(True)
print(f"{'N(0, 1) in':<12}{'mean':>8}{'std':>8}{'mean/std':>10}"
      f"{'share > 0':>11}{'zero grad':>11}")
for name, f in activations.items():
    out = f(z)
    (dz,) = torch.autograd.grad(out.sum(), z)
    h, dz = out.detach().numpy(), dz.numpy()
    print(f"{name:<12}{h.mean():>8.4f}{h.std():>8.4f}"
          f"{h.mean() / h.std():>10.2f}{(h > 0).mean():>11.4f}"
          f"{(dz == 0).mean():>11.4f}")

# %% Leaky ReLU has no parameters; PReLU learns its slope
leaky = nn.LeakyReLU(negative_slope=LEAKY_SLOPE)
prelu = nn.PReLU(num_parameters=1, init=PRELU_INIT).double()
batch = x.detach().reshape(1, -1)
leaky(batch)
total = prelu(batch).sum()
total.backward()
slope_grad = prelu.weight.grad
count = [sum(p.numel() for p in m.parameters()) for m in (leaky, prelu)]
print("parameters: LeakyReLU", count[0],
      "PReLU", count[1])
print("PReLU d(sum)/d(slope):", float(slope_grad.sum()))
