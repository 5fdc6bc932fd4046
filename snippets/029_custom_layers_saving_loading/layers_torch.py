# %% Settings
import numpy as np
import torch
from torch import nn

SEED = 0
N_IN = 5  # MyDense: 5 inputs -> 3 units, on 2 examples
UNITS = 3
BATCH = 2
for name in ["SEED", "N_IN", "UNITS", "BATCH"]:
    print(f"{name}: {globals()[name]}")
torch.manual_seed(SEED)
rng = np.random.default_rng(SEED)
np.set_printoptions(precision=5, suppress=True)


# %% A layer without parameters
class CenteredLayer(nn.Module):
    def forward(self, x):  # subtract the mean of the input
        return x - x.mean()


centred = CenteredLayer()(torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0]))
print("centred:", centred.tolist())
net = nn.Sequential(nn.Linear(8, 128), CenteredLayer())
U = torch.tensor(rng.uniform(size=(4, 8)), dtype=torch.float32)
mean = abs(net(U).mean().item())
print(f"mean after a dense layer + CenteredLayer: {mean:.1e}")


# %% A layer with parameters
class MyDense(nn.Module):
    def __init__(self, in_units, units):  # created here: size is an argument
        super().__init__()
        weight = nn.init.xavier_uniform_(torch.empty(in_units, units))
        self.weight = nn.Parameter(weight)
        self.bias = nn.Parameter(torch.zeros(units))

    def forward(self, x):
        return torch.relu(x @ self.weight + self.bias)


# %% MyDense with the same NumPy weights in both frameworks
dense = MyDense(N_IN, UNITS)
print("parameters:", [(n, tuple(w.shape)) for n, w in dense.named_parameters()])
W, b = rng.normal(size=(N_IN, UNITS)), rng.normal(size=UNITS)
dense.load_state_dict({"weight": torch.tensor(W), "bias": torch.tensor(b)})
X = rng.normal(size=(BATCH, N_IN)).astype(np.float32)
print("MyDense output:", dense(torch.tensor(X)).detach().numpy())
print("as ReLU(XW + b):", np.maximum(X @ W + b, 0))
