# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

SEED = 0
N = 5  # a small all-ones image, to see where zeros were padded
WIDE = 9  # a wider one for reading the padding off the output
SIZE = 28  # an MNIST-sized input for the strided case
for name in "SEED N WIDE SIZE".split():
    print(f"{name}: {globals()[name]}")
torch.manual_seed(SEED)


def same_conv(k, stride=1, padding="same"):  # k x k ones, no bias
    layer = nn.Conv2d(1, 1, k, stride=stride, padding=padding, bias=False)
    nn.init.ones_(layer.weight)
    return layer.requires_grad_(False)


# %% An even kernel: where does the extra zero go?
y = same_conv(2)(torch.ones(1, 1, N, N))[0, 0].numpy()
print("output shape:", y.shape)
for row in y.astype(int):
    print(" ", *row)


# %% Read the padding off the output of an all-ones image
def pads(y, k):  # zeros above, below, left, right of the image
    mid_row, mid_col = y[:, y.shape[1] // 2], y[y.shape[0] // 2]
    off = lambda v: int(k - v / k)  # kernel rows (or columns) off the image
    top, bottom = off(mid_row[0]), off(mid_row[-1])
    return top, bottom, off(mid_col[0]), off(mid_col[-1])


ones = torch.ones(1, 1, WIDE, WIDE)
for k in (2, 3, 4):
    y = same_conv(k)(ones)[0, 0].numpy()
    print(f"k={k}: top, bottom, left, right pads:", *pads(y, k))

# %% "same" with stride 2
try:
    same_conv(3, stride=2)
except ValueError as error:
    print("'same' with stride 2: ValueError:", str(error)[:42])
try:  # the function refuses it too, with another exception
    F.conv2d(torch.ones(1, 1, SIZE, SIZE), torch.ones(1, 1, 3, 3),
             stride=2, padding="same")
except RuntimeError as error:
    print("function at stride 2: RuntimeError:", str(error)[:42])
for n in (SIZE, SIZE - 1):  # the usual replacement: padding=1
    y = same_conv(3, 2, padding=1)(torch.ones(1, 1, n, n))[0, 0].numpy()
    print(f"n={n}, k=3, stride 2, padding=1: {y.shape}, pads", *pads(y, 3))

# %% The same weights, "same" against symmetric padding
rng = np.random.default_rng(SEED)
X = rng.random((1, SIZE, SIZE, 1)).astype(np.float32)  # NHWC, as in Keras
W = rng.normal(size=(3, 3, 1, 1)).astype(np.float32)  # HWIO, as in Keras
X = torch.tensor(X).permute(0, 3, 1, 2)  # NCHW
W = torch.tensor(W).permute(3, 2, 0, 1)  # OIHW
tf_way = F.conv2d(F.pad(X, (0, 1, 0, 1)), W, stride=2)[0, 0]  # bottom/right
sym = F.conv2d(X, W, stride=2, padding=1)[0, 0]  # one zero all round
print("pad 0/1, first row:", *np.round(tf_way[0, :4].numpy(), 4))
print("pad 0/1, sum:", round(float(tf_way.sum()), 3))
print("pad 1/1, first row:", *np.round(sym[0, :4].numpy(), 4))
print(f"pad 1/1 minus pad 0/1, max: {(tf_way - sym).abs().max():.3f}")

# %% Figure: the even kernel's output on the all-ones image
y = same_conv(2)(ones)[0, 0].numpy()
fig, ax = plt.subplots(figsize=(3.5, 3.5))
ax.imshow(y, cmap="viridis", vmin=0, vmax=4)
ax.set_title('k=2, "same": lower sums on the\nbottom row and right column')
ax.set_xticks([])
ax.set_yticks([])
plt.show()
