import numpy as np
import torch
from torch import nn

torch.manual_seed(0)
X = torch.tensor(np.random.default_rng(0).uniform(size=(2, 20)), dtype=torch.float32)  # 2 examples, 20 features

# 1. Sequential: a list of layers applied in order. PyTorch creates the weights in the constructor.
net = nn.Sequential(nn.Linear(20, 256), nn.ReLU(), nn.Linear(256, 10))
print("weights exist before the first call:", len(list(net.parameters())) > 0)
print("sequential output shape:", tuple(net(X).shape))
print("sequential parameters:", sum(p.numel() for p in net.parameters()))


# 2. The same network as a custom block: sub-layers in __init__, the forward pass in forward.
class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(20, 256)
        self.out = nn.Linear(256, 10)

    def forward(self, x):
        return self.out(torch.relu(self.hidden(x)))


mlp = MLP()
print("custom block output shape:", tuple(mlp(X).shape))
print("custom block parameters:", sum(p.numel() for p in mlp.parameters()))


# 3. Any code can run in the forward pass: a constant matrix, a layer used twice, a while loop.
class FixedHiddenMLP(nn.Module):
    def __init__(self):
        super().__init__()
        constant = np.random.default_rng(1).uniform(size=(20, 20))
        self.rand_weight = torch.tensor(constant, dtype=torch.float32)  # a plain tensor: not trained
        self.linear = nn.Linear(20, 20)

    def forward(self, x):
        x = self.linear(x)
        x = torch.relu(x @ self.rand_weight + 1)
        x = self.linear(x)  # the same layer again: the same parameters
        while x.abs().sum() > 1:
            x /= 2
        return x.sum()


fixed = FixedHiddenMLP()
print("fixed-hidden output shape:", tuple(fixed(X).shape))
print("fixed-hidden parameters:", sum(p.numel() for p in fixed.parameters()))
