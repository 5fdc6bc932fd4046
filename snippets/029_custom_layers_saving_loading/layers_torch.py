import numpy as np
import torch
from torch import nn

torch.manual_seed(0)
rng = np.random.default_rng(0)
np.set_printoptions(precision=5, suppress=True)


class CenteredLayer(nn.Module):
    """A layer without parameters: subtract the mean of the input."""

    def forward(self, x):
        return x - x.mean()


class MyDense(nn.Module):
    """A dense layer with ReLU: parameters are created in __init__, so the input size is an argument."""

    def __init__(self, in_units, units):
        super().__init__()
        self.weight = nn.Parameter(nn.init.xavier_uniform_(torch.empty(in_units, units)))
        self.bias = nn.Parameter(torch.zeros(units))

    def forward(self, x):
        return torch.relu(x @ self.weight + self.bias)


print("centred:", CenteredLayer()(torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0])).tolist())
net = nn.Sequential(nn.Linear(8, 128), CenteredLayer())
U = torch.tensor(rng.uniform(size=(4, 8)), dtype=torch.float32)
print(f"mean after a Linear + CenteredLayer: {abs(net(U).mean().item()):.1e}")

dense = MyDense(5, 3)
print("parameters:", [(name, tuple(w.shape)) for name, w in dense.named_parameters()])
W, b = rng.normal(size=(5, 3)), rng.normal(size=3)  # the same NumPy values in both frameworks
dense.load_state_dict({"weight": torch.tensor(W), "bias": torch.tensor(b)})
X = rng.normal(size=(2, 5)).astype(np.float32)
print("MyDense output:", dense(torch.tensor(X)).detach().numpy())
print("as ReLU(XW + b):", np.maximum(X @ W + b, 0))
