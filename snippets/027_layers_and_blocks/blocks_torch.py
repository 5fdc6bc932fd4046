# %% Settings and data
import numpy as np
import torch
from torch import nn

SEED = 0
BATCH = 2
N_IN = 20  # the MLP 20 -> 256 -> 10
HIDDEN = 256
N_OUT = 10
for name in ["SEED", "BATCH", "N_IN", "HIDDEN", "N_OUT"]:
    print(f"{name}: {globals()[name]}")
torch.manual_seed(SEED)
X = torch.tensor(np.random.default_rng(SEED).uniform(size=(BATCH, N_IN)),
                 dtype=torch.float32)


def count(block):
    return sum(p.numel() for p in block.parameters())


# %% Sequential: layers applied in order
net = nn.Sequential(
    nn.Linear(N_IN, HIDDEN), nn.ReLU(), nn.Linear(HIDDEN, N_OUT)
)
print("weights exist before the first call:", count(net) > 0)
print("sequential output shape:", tuple(net(X).shape))
print("parameters per layer:", *[count(layer) for layer in net if count(layer)])
print("sequential parameters:", count(net))


# %% The same network as a custom block
class MLP(nn.Module):
    def __init__(self):
        super().__init__()  # first, always
        self.hidden = nn.Linear(N_IN, HIDDEN)
        self.out = nn.Linear(HIDDEN, N_OUT)

    def forward(self, x):  # the forward pass
        return self.out(torch.relu(self.hidden(x)))


mlp = MLP()
print("custom block output shape:", tuple(mlp(X).shape))
print("custom block parameters:", count(mlp))


# %% Any code in the forward pass
class FixedHiddenMLP(nn.Module):
    def __init__(self):
        super().__init__()
        constant = np.random.default_rng(1).uniform(size=(N_IN, N_IN))
        self.rand_weight = torch.tensor(constant, dtype=torch.float32)
        self.linear = nn.Linear(N_IN, N_IN)  # rand_weight: not trained

    def forward(self, x):
        x = self.linear(x)
        x = torch.relu(x @ self.rand_weight + 1)
        x = self.linear(x)  # the same layer again: the same parameters
        while x.abs().sum() > 1:  # a data-dependent loop
            x /= 2
        return x.sum()


# %% One layer used twice, and a constant
fixed = FixedHiddenMLP()
print("fixed-hidden output shape:", tuple(fixed(X).shape))
print("fixed-hidden parameters:", count(fixed))
print("fixed-hidden trainable tensors:", len(list(fixed.parameters())))
