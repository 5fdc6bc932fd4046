# %% Settings and data
import numpy as np
import torch
from torch import nn

SEED = 0
BATCH = 2
N_IN = 20
for name in ["SEED", "BATCH", "N_IN"]:
    print(f"{name}: {globals()[name]}")
torch.manual_seed(SEED)
X = torch.tensor(np.random.default_rng(SEED).uniform(size=(BATCH, N_IN)),
                 dtype=torch.float32)


def count(block):
    return sum(p.numel() for p in block.parameters())


# %% Pitfalls: what the framework does not see
class ListBlock(nn.Module):  # two layers held in a plain list
    def __init__(self):
        super().__init__()
        self.parts = [nn.Linear(N_IN, N_IN), nn.Linear(N_IN, N_IN)]

    def forward(self, x):
        for part in self.parts:
            x = part(x)
        return x


listed = ListBlock()
listed(X)
print("plain list of two layers, parameters seen:", count(listed))


class NoSuper(nn.Module):
    def __init__(self):  # super().__init__() forgotten
        self.linear = nn.Linear(N_IN, N_IN)


# %% Pitfalls: when each mistake fails
def fails(f):
    try:
        f()
        return "no"
    except Exception as error:
        return type(error).__name__


print("no super(): assignment fails:", fails(NoSuper))
print("no super(): first call fails:", fails(lambda: NoSuper()(X)))
print("count before the first call fails:",
      fails(lambda: count(nn.Linear(N_IN, N_IN))))
hooked, seen = nn.Linear(N_IN, N_IN), []
hooked.register_forward_hook(lambda *args: seen.append("hook ran"))
hooked.forward(X)  # bypasses __call__, and with it the hook
print("layer.forward(x) bypasses __call__:", "no" if seen else "hook skipped")
