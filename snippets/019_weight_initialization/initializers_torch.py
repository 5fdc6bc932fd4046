import numpy as np
import torch
from torch import nn

torch.manual_seed(0)
FAN_IN, FAN_OUT = 256, 512
initializers = {
    "Glorot normal": (nn.init.xavier_normal_, np.sqrt(2 / (FAN_IN + FAN_OUT))),
    "Glorot uniform": (nn.init.xavier_uniform_, np.sqrt(2 / (FAN_IN + FAN_OUT))),
    "He normal": (lambda w: nn.init.kaiming_normal_(w, nonlinearity="relu"), np.sqrt(2 / FAN_IN)),
    "He uniform": (lambda w: nn.init.kaiming_uniform_(w, nonlinearity="relu"),
                   np.sqrt(2 / FAN_IN)),
}
for name, (initializer, formula) in initializers.items():
    w = initializer(torch.empty(FAN_OUT, FAN_IN)).numpy()
    tail = np.abs(w).max() / w.std()
    print(f"{name}: std {w.std():.4f}, formula {formula:.4f}, max |w| / std {tail:.2f}")

layer = nn.Linear(FAN_IN, FAN_OUT)
print("default Linear weight shape:", tuple(layer.weight.shape))
std = layer.weight.detach().numpy().std()
uniform = 1 / np.sqrt(3 * FAN_IN)  # U(-a, a) with a = 1/sqrt(fan_in) has std a/sqrt(3)
print(f"default Linear weight: std {std:.4f}, formula for U(-1/sqrt(fan_in), ...) {uniform:.4f}")
print(f"default Linear bias: all zero {bool(torch.all(layer.bias == 0))}")
