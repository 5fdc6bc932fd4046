# %% Settings: GoogLeNet (Szegedy et al. 2014), built but not trained
import torch
from torch import nn

INPUT_SIZE = 224  # 224 x 224 colour images
CLASSES = 1000
# Table 1 of the paper: in, 1x1, 3x3 reduce, 3x3, 5x5 reduce, 5x5, pool proj
INCEPTION = {
    "3a": (192, 64, 96, 128, 16, 32, 32),
    "3b": (256, 128, 128, 192, 32, 96, 64),
    "4a": (480, 192, 96, 208, 16, 48, 64),
    "4b": (512, 160, 112, 224, 24, 64, 64),
    "4c": (512, 128, 128, 256, 24, 64, 64),
    "4d": (512, 112, 144, 288, 32, 64, 64),
    "4e": (528, 256, 160, 320, 32, 128, 128),
    "5a": (832, 256, 160, 320, 32, 128, 128),
    "5b": (832, 384, 192, 384, 48, 128, 128)}
print(f"input size: {INPUT_SIZE}\nclasses: {CLASSES}")

# %% The Inception block: four parallel paths, concatenated on channels
def conv(c_in, c_out, k):  # convolution + ReLU, padded to keep the size
    return nn.Sequential(nn.Conv2d(c_in, c_out, k, padding=k // 2), nn.ReLU())
class Inception(nn.Module):
    def __init__(self, c_in, c1, r3, c3, r5, c5, pool_proj):
        super().__init__()
        self.paths = nn.ModuleList([
            conv(c_in, c1, 1),  # 1x1
            nn.Sequential(conv(c_in, r3, 1), conv(r3, c3, 3)),  # 1x1, 3x3
            nn.Sequential(conv(c_in, r5, 1), conv(r5, c5, 5)),  # 1x1, 5x5
            nn.Sequential(nn.MaxPool2d(3, 1, padding=1),  # 3x3 pool, 1x1
                          conv(c_in, pool_proj, 1))])
    def forward(self, x):
        return torch.cat([path(x) for path in self.paths], dim=1)

# %% Inception 3a on a 28 x 28 x 192 input (its size in GoogLeNet)
block = Inception(*INCEPTION["3a"])
x = torch.zeros(1, 192, 28, 28)
for name, path in zip(["1x1", "3x3", "5x5", "pool"], block.paths):
    print(f"path {name}: {tuple(path(x).shape)}")
print("concatenated:", tuple(block(x).shape))
print("parameters, 3a:", sum(p.numel() for p in block.parameters()))

# %% The whole network (no auxiliary classifiers, no LRN)
def layers():
    pool = lambda: nn.MaxPool2d(3, 2, padding=1)
    stem = [nn.Conv2d(3, 64, 7, 2, padding=3), nn.ReLU(), pool(),
            conv(64, 64, 1), conv(64, 192, 3), pool()]
    body = []
    for name, widths in INCEPTION.items():
        body.append(Inception(*widths))
        body += [pool()] if name in ("3b", "4e") else []
    head = [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(0.4),
            nn.Linear(1024, CLASSES)]
    return nn.Sequential(*stem, *body, *head)
with torch.device("meta"):  # shapes only, no memory for the weights
    model = layers()
x = torch.zeros(1, 3, INPUT_SIZE, INPUT_SIZE, device="meta")
print("output shape:", tuple(model(x).shape))

# %% Count: the framework and the formula
def inception_params(c_in, c1, r3, c3, r5, c5, pool_proj):
    return (c_in * c1 + c1 + c_in * r3 + r3 + 9 * r3 * c3 + c3
            + c_in * r5 + r5 + 25 * r5 * c5 + c5 + c_in * pool_proj + pool_proj)
stem = (49 * 3 * 64 + 64) + (64 * 64 + 64) + (9 * 64 * 192 + 192)
blocks = sum(inception_params(*w) for w in INCEPTION.values())
head = 1024 * CLASSES + CLASSES
print("parameters, counted:", sum(p.numel() for p in model.parameters()))
print("parameters, formula:", stem + blocks + head)
print(f"stem {stem}, inception blocks {blocks}, classifier {head}")
