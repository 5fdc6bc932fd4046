# %% Settings and data: 8 samples, 4 features on very different scales
import numpy as np
import torch
from torch import nn

SAMPLES = 8
EPSILON = 1e-5
SEED = 0
print(f"SAMPLES: {SAMPLES}\nEPSILON: {EPSILON}\nSEED: {SEED}")
rng = np.random.default_rng(SEED)
X = rng.normal(loc=[0.0, 5.0, -3.0, 10.0], scale=[1.0, 2.0, 0.5, 3.0],
               size=(SAMPLES, 4)).astype(np.float32)
x = torch.tensor(X)

# %% Two layers, and the statistics we measure
# BatchNorm normalises each feature over the batch,
# LayerNorm each sample over its features
batch_norm = nn.BatchNorm1d(4, eps=EPSILON)
layer_norm = nn.LayerNorm(4, eps=EPSILON)


def show(name, out):
    out = out.detach().numpy()
    for axis, what in ((0, "per feature"), (1, "per sample")):
        for stat in ("mean", "std"):
            values = getattr(out, stat)(axis=axis)[:4].round(3) + 0.0
            row = " ".join(f"{v:7.3f}" for v in values)
            print(f"{name:9} {stat:4} {what + ':':12} {row}")

# %% Which axis each layer normalises
show("input", x)
batch_norm.train()  # training mode: this batch's statistics
show("BatchNorm", batch_norm(x))
show("LayerNorm", layer_norm(x))

# %% Does sample 0's output depend on its batch companions?
@torch.no_grad()
def moved(layer):  # all 8 samples against the first 4
    first = layer(x)[0] - layer(x[:4])[0]
    return first.abs().max().item()


print(f"sample 0 moves, BatchNorm training: {moved(batch_norm):.3f}")
batch_norm.eval()  # inference mode: fixed running statistics
print(f"sample 0 moves, BatchNorm inference: {moved(batch_norm):.3f}")
print(f"sample 0 moves, LayerNorm: {moved(layer_norm):.3f}")
