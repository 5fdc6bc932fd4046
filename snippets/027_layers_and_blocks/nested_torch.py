import numpy as np
import torch
from torch import nn

torch.manual_seed(0)
X = torch.tensor(np.random.default_rng(0).uniform(size=(2, 20)), dtype=torch.float32)


class NestMLP(nn.Module):
    """A block whose first part is itself a block (a Sequential of two layers)."""

    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(20, 64), nn.ReLU(),
                                 nn.Linear(64, 32), nn.ReLU())
        self.linear = nn.Linear(32, 16)

    def forward(self, x):
        return self.linear(self.net(x))


def block():
    """A block factory: every call builds a new block with its own parameters."""
    return nn.Sequential(nn.Linear(20, 20), nn.ReLU())


# Blocks of blocks: a Sequential holding a custom block, a layer, and a Sequential of three blocks.
chimera = nn.Sequential(NestMLP(), nn.Linear(16, 20), nn.Sequential(*[block() for _ in range(3)]))
print("output shape:", tuple(chimera(X).shape))


def count(block):
    return sum(p.numel() for p in block.parameters())


def show(block, depth=0):
    """Each block's parameter count is the sum of its children's."""
    print("  " * depth + f"{type(block).__name__}: {count(block)}")
    for child in block.children():
        if count(child):
            show(child, depth + 1)


show(chimera)
print("total parameters:", count(chimera))
