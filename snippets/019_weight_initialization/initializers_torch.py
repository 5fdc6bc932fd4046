# %% Settings
import numpy as np
import torch
from torch import nn

FAN_IN = 256
FAN_OUT = 512  # not square, so that fan_in and fan_out differ
SEED = 0
print(f"FAN_IN: {FAN_IN}\nFAN_OUT: {FAN_OUT}\nSEED: {SEED}")
print(f"draws per initializer: {FAN_IN * FAN_OUT}")
torch.manual_seed(SEED)

# %% Built-in initializers against their formulas
glorot = np.sqrt(2 / (FAN_IN + FAN_OUT))
he = np.sqrt(2 / FAN_IN)
initializers = {
    "Glorot normal": (nn.init.xavier_normal_, glorot),
    "Glorot uniform": (nn.init.xavier_uniform_, glorot),
    "He normal": (lambda w: nn.init.kaiming_normal_(w), he),  # relu gain
    "He uniform": (lambda w: nn.init.kaiming_uniform_(w), he),
}
for name, (initializer, formula) in initializers.items():
    w = initializer(torch.empty(FAN_OUT, FAN_IN)).numpy()  # (fan_out, fan_in)
    tail = np.abs(w).max() / w.std()
    print(f"{name}: std {w.std():.4f}, formula {formula:.4f}, "
          f"max |w| / std {tail:.2f}")

# %% What a layer gets by default
layer = nn.Linear(FAN_IN, FAN_OUT)
std = layer.weight.detach().numpy().std()
uniform = 1 / np.sqrt(3 * FAN_IN)  # U(-a, a), a = 1/sqrt(fan_in): std a/sqrt(3)
print("default weight shape:", tuple(layer.weight.shape))
print(f"default weight: std {std:.4f}, U(-a, a) formula {uniform:.4f}")
print(f"default bias all zero: {bool(torch.all(layer.bias == 0))}")
print(f"ReLU gain per layer with this default: {std * np.sqrt(FAN_IN / 2):.3f}")
