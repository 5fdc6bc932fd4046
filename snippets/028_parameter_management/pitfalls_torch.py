# %% Settings
import numpy as np
import torch
from torch import nn

SEED = 0
N_IN = 4
N_OUT = 8
for name in ["SEED", "N_IN", "N_OUT"]:
    print(f"{name}: {globals()[name]}")
torch.manual_seed(SEED)
rng = np.random.default_rng(SEED)


def fails(f):  # the error's name, or "no"
    try:
        f()
        return "no"
    except Exception as error:
        return type(error).__name__


# %% Copying weights in the other framework's layout
W = rng.normal(size=(N_OUT, N_IN)).T  # Keras's layout: (inputs, outputs)
layer = nn.Linear(N_IN, N_OUT)  # PyTorch wants (outputs, inputs): W.T
wrong = torch.tensor(W, dtype=torch.float32)
with torch.no_grad():
    failed = fails(lambda: layer.weight.copy_(wrong))
print("the other layout copied in:", failed)
S, x = rng.normal(size=(N_IN, N_IN)), rng.normal(size=(1, N_IN))
square = nn.Linear(N_IN, N_IN, bias=False)  # meant to compute x @ S
with torch.no_grad():  # a square matrix in the wrong layout
    square.weight.copy_(torch.tensor(S))
    out = square(torch.tensor(x, dtype=torch.float32)).numpy()
print("a square one in the wrong layout:", fails(lambda: out))
print(f"its output is off by: {np.abs(out - x @ S).max():.2f}")

# %% Writing into a parameter
kernel = layer.weight
print("in-place write, no no_grad:", fails(lambda: kernel.add_(1)))
with torch.no_grad():
    kernel.copy_(torch.tensor(W.T))
print("the same variable object after assign:", layer.weight is kernel)

# %% Tying by accident
one = nn.Linear(N_IN, N_IN)
copies = nn.Sequential(*[one] * 3)
print("[layer] * 3, parameters:", sum(p.numel() for p in copies.parameters()))

# %% A new initialiser for a built layer
changed = "n/a"  # a PyTorch layer keeps no initialiser to replace
print("a new initialiser attribute changes the values:", changed)
nn.init.zeros_(layer.weight)
zeroed = not layer.weight.any()
print("re-initialising in place zeroes the matrix:", zeroed)
