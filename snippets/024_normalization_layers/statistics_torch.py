import numpy as np
import torch
from torch import nn

rng = np.random.default_rng(0)
# 8 samples, 4 features on very different scales
X = rng.normal(loc=[0.0, 5.0, -3.0, 10.0], scale=[1.0, 2.0, 0.5, 3.0], size=(8, 4)).astype(np.float32)
x = torch.tensor(X)
batch_norm = nn.BatchNorm1d(4, eps=1e-5)  # normalises each feature over the batch
layer_norm = nn.LayerNorm(4, eps=1e-5)  # normalises each sample over its features
np.set_printoptions(precision=3, suppress=True)


def show(name, out):
    out = out.detach().numpy()
    print(f"{name} per-feature mean:", out.mean(axis=0).round(3) + 0.0, "std:", out.std(axis=0))
    print(f"{name} per-sample mean (first 4):", out.mean(axis=1)[:4].round(3) + 0.0, "std:", out.std(axis=1)[:4])


show("input", x)
batch_norm.train()  # training mode: statistics of this batch
show("BatchNorm", batch_norm(x))
show("LayerNorm", layer_norm(x))

# Does sample 0's output depend on which other samples share its batch?
with torch.no_grad():
    bn_moved = (batch_norm(x)[0] - batch_norm(x[:4])[0]).abs().max().item()
    ln_moved = (layer_norm(x)[0] - layer_norm(x[:4])[0]).abs().max().item()
    batch_norm.eval()  # inference mode: fixed running statistics
    bn_eval_moved = (batch_norm(x)[0] - batch_norm(x[:4])[0]).abs().max().item()
print(f"sample 0 moves with its batch, BatchNorm training: {bn_moved:.3f}")
print(f"sample 0 moves with its batch, BatchNorm inference: {bn_eval_moved:.3f}")
print(f"sample 0 moves with its batch, LayerNorm: {ln_moved:.3f}")
