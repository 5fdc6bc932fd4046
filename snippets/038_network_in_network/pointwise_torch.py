# %% Settings
import numpy as np
import torch
from torch import nn

SEED = 0
BATCH, HEIGHT, WIDTH = 2, 5, 5  # a small batch of feature maps
C_IN, C_OUT = 6, 4  # channels in and out of the 1x1 convolution
for name in ["SEED", "BATCH", "HEIGHT", "WIDTH", "C_IN", "C_OUT"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
rng = np.random.default_rng(SEED)  # shared data and weights, both twins
x = rng.normal(size=(BATCH, HEIGHT, WIDTH, C_IN)).astype(np.float32)
W = rng.normal(size=(C_IN, C_OUT)).astype(np.float32)  # dense layout
b = rng.normal(size=C_OUT).astype(np.float32)

# %% A 1x1 convolution with these weights
# PyTorch: OIHW kernel, NCHW maps
conv = nn.Conv2d(C_IN, C_OUT, kernel_size=1)
with torch.no_grad():
    conv.weight.copy_(torch.tensor(W.T[:, :, None, None]))
    conv.bias.copy_(torch.tensor(b))
    out = conv(torch.tensor(x).permute(0, 3, 1, 2))  # NHWC -> NCHW
out = out.permute(0, 2, 3, 1).numpy()  # back to NHWC to compare
print("conv output shape (NHWC):", out.shape)

# %% The same weights as a dense layer on every pixel
dense = nn.Linear(C_IN, C_OUT)
with torch.no_grad():
    dense.weight.copy_(torch.tensor(W.T))  # Linear stores (out, in)
    dense.bias.copy_(torch.tensor(b))
    per_pixel = dense(torch.tensor(x)).numpy()  # acts on the last axis
print(f"max |conv - dense per pixel|: {np.abs(out - per_pixel).max():.1e}")
print(f"max |conv - x @ W + b|: {np.abs(out - (x @ W + b)).max():.1e}")
print("pixel (0, 2, 3):", np.round(out[0, 2, 3], 4))
print("parameters, conv and dense:",
      *[sum(p.numel() for p in m.parameters()) for m in (conv, dense)])

# %% The head: flatten + dense against 1x1 conv + global average pooling
def head_params(channels, side, classes):  # the formulas on the page
    flat = channels * side * side * classes + classes
    gap = channels * classes + classes
    return flat, gap
flatten_head = nn.Sequential(nn.Flatten(), nn.Linear(192 * 8 * 8, 10))
gap_head = nn.Sequential(nn.Conv2d(192, 10, 1), nn.AdaptiveAvgPool2d(1),
                         nn.Flatten())
print("head on 192 x 8 x 8 maps, 10 classes")
print("parameters, flatten + dense:",
      sum(p.numel() for p in flatten_head.parameters()))
print("parameters, 1x1 conv + GAP:",
      sum(p.numel() for p in gap_head.parameters()))
flat, gap = head_params(192, 8, 10)
print("formula, flatten + dense, 1x1 conv + GAP:", flat, gap)
print(f"ratio: {flat / gap:.1f}")
print("GAP output shape:", tuple(gap_head(torch.zeros(1, 192, 8, 8)).shape))
