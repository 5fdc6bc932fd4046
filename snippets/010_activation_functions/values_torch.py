import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

activations = {
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "relu": torch.relu,
    "leaky_relu": lambda x: F.leaky_relu(x, negative_slope=0.1),  # slope 0.1: our choice, never learned
    "gelu": lambda x: F.gelu(x, approximate="none"),  # exact form x * Phi(x), through erf
}
grid = np.array([-10.0, -3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0, 10.0])  # float64 in both twins
x = torch.tensor(grid, requires_grad=True)
print("x:", " ".join(f"{v:g}" for v in grid))
for name, f in activations.items():
    y = f(x)
    (dy,) = torch.autograd.grad(y.sum(), x)  # f acts elementwise, so this is f'(x) at every point
    print(f"{name}(x):", " ".join(f"{v:.7g}" for v in y.detach().numpy()))
    print(f"{name}'(x):", " ".join(f"{v:.7g}" for v in dy.numpy()))

# Inputs ~ N(0, 1): where the outputs are centred, and how often the gradient is exactly zero.
z = torch.tensor(np.random.default_rng(0).standard_normal(100_000), requires_grad=True)
for name, f in activations.items():
    out = f(z)
    (dz,) = torch.autograd.grad(out.sum(), z)
    zero_share = (dz == 0.0).double().mean()
    print(f"{name} on N(0,1): mean output {float(out.mean()):.4f}, zero-gradient share {float(zero_share):.4f}")

# Leaky ReLU has no parameters. PReLU has one: a negative slope that training updates.
leaky = nn.LeakyReLU(negative_slope=0.1)
prelu = nn.PReLU(num_parameters=1, init=0.25).double()
batch = x.detach().reshape(1, -1)
leaky(batch)
total = prelu(batch).sum()
total.backward()
slope_grad = prelu.weight.grad
print("parameters: LeakyReLU", sum(p.numel() for p in leaky.parameters()), "PReLU", sum(p.numel() for p in prelu.parameters()))
print("PReLU d(sum)/d(slope):", float(slope_grad.sum()))
