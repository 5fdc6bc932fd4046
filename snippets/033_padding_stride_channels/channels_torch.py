# %% Settings
import numpy as np
import torch
from torch import nn

SEED = 0
C_IN = 3  # input channels
C_OUT = 4  # output channels (one kernel stack each)
K = 3
SIZE = 6
for name in "SEED C_IN C_OUT K SIZE".split():
    print(f"{name}: {globals()[name]}")
torch.manual_seed(SEED)
rng = np.random.default_rng(SEED)
X = rng.normal(size=(1, SIZE, SIZE, C_IN)).astype(np.float32)  # NHWC
W = rng.normal(size=(K, K, C_IN, C_OUT)).astype(np.float32)  # HWIO
B = rng.normal(size=C_OUT).astype(np.float32)


# %% By hand: each output channel sums one 2-D correlation per input channel
def corr2d(x, w):  # one channel, stride 1, no padding
    n = x.shape[0] - w.shape[0] + 1
    return np.array(
        [[(x[i : i + K, j : j + K] * w).sum() for j in range(n)]
         for i in range(n)]
    )


x = X[0]  # (SIZE, SIZE, C_IN)
hand = np.stack(
    [sum(corr2d(x[:, :, c], W[:, :, c, o]) for c in range(C_IN)) + B[o]
     for o in range(C_OUT)], axis=-1,
)
print("by hand, output shape (H, W, C_OUT):", hand.shape)

# %% The layer, with the same weights
layer = nn.Conv2d(C_IN, C_OUT, K)
with torch.no_grad():
    layer.weight.copy_(torch.tensor(W).permute(3, 2, 0, 1))  # to OIHW
    layer.bias.copy_(torch.tensor(B))
    print("kernel shape:", tuple(layer.weight.shape), "(OIHW)")
    y = layer(torch.tensor(X).permute(0, 3, 1, 2))  # NCHW in
    y = y[0].permute(1, 2, 0).numpy()  # (H, W, C_OUT)
print("layer output shape (H, W, C_OUT):", y.shape)
print(f"max difference from the hand version: {np.abs(y - hand).max():.1e}")
print("output at (0, 0), each channel:", *np.round(y[0, 0], 4))
print("output sum:", round(float(y.sum()), 3))

# %% Parameter counts: c_out * (c_in * k * k + 1)
for c_in, c_out, k in [(1, 6, 5), (6, 16, 5), (3, 64, 3), (64, 128, 3),
                       (256, 64, 1)]:
    layer = nn.Conv2d(c_in, c_out, k)
    count = sum(p.numel() for p in layer.parameters())
    formula = c_out * (c_in * k * k + 1)
    print(f"c_in={c_in}, c_out={c_out}, k={k}:", end=" ")
    print(f"layer {count}, formula {formula}")
# LeNet-5's C3 as published (LeCun et al. 1998) was partly connected: of its
# 16 maps, 6 saw 3 input maps, 9 saw 4 and 1 saw all 6; one bias per map
print("1998 C3, partly connected:", 5 * 5 * (6 * 3 + 9 * 4 + 1 * 6) + 16)
