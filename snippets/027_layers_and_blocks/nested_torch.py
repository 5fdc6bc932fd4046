# %% Settings and data
import numpy as np
import torch
from torch import nn

SEED = 0
BATCH = 2
N_IN = 20
COPIES = 3  # blocks built by the factory
for name in ["SEED", "BATCH", "N_IN", "COPIES"]:
    print(f"{name}: {globals()[name]}")
torch.manual_seed(SEED)
X = torch.tensor(np.random.default_rng(SEED).uniform(size=(BATCH, N_IN)),
                 dtype=torch.float32)


# %% A block that holds a block
class NestMLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(  # a Sequential of two layers
            nn.Linear(N_IN, 64), nn.ReLU(), nn.Linear(64, 32), nn.ReLU()
        )
        self.linear = nn.Linear(32, 16)

    def forward(self, x):
        return self.linear(self.net(x))


# %% Blocks of blocks
def block():  # a factory: every call builds a new block, with new parameters
    return nn.Sequential(nn.Linear(N_IN, N_IN), nn.ReLU())


chimera = nn.Sequential(
    NestMLP(),
    nn.Linear(16, N_IN),
    nn.Sequential(*[block() for _ in range(COPIES)]),
)
print("output shape:", tuple(chimera(X).shape))


# %% The tree of blocks and their parameter counts
def count(block):
    return sum(p.numel() for p in block.parameters())


def show(block, depth=0):  # blocks that own parameters, with their counts
    print("  " * depth + f"{type(block).__name__}: {count(block)}")
    for child in block.children():
        if count(child):
            show(child, depth + 1)


show(chimera)
print("total parameters:", count(chimera))
