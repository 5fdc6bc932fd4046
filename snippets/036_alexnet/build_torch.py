# %% Settings
import torch
from torch import nn

CLASSES = 1000  # ImageNet
FC = 4096  # units in each of the two hidden dense layers
PAPER = (96, 256, 384, 384, 256)  # conv channels, Krizhevsky et al. 2012
SINGLE = (64, 192, 384, 256, 256)  # the single-tower torchvision model
GROUPS = 2  # the paper's two GPUs: conv2, conv4, conv5 see half the maps
for name in ["CLASSES", "FC", "PAPER", "SINGLE", "GROUPS"]:
    print(f"{name.lower()}: {globals()[name]}")


# %% AlexNet: five convolutions, three max pools, three dense layers
def alexnet(channels, groups, pad):  # pad: on conv1 (2 for a 224 input)
    c1, c2, c3, c4, c5 = channels
    return nn.Sequential(
        nn.Conv2d(3, c1, 11, stride=4, padding=pad), nn.ReLU(),
        nn.MaxPool2d(3, 2),
        nn.Conv2d(c1, c2, 5, padding=2, groups=groups), nn.ReLU(),
        nn.MaxPool2d(3, 2),
        nn.Conv2d(c2, c3, 3, padding=1), nn.ReLU(),  # sees both towers
        nn.Conv2d(c3, c4, 3, padding=1, groups=groups), nn.ReLU(),
        nn.Conv2d(c4, c5, 3, padding=1, groups=groups), nn.ReLU(),
        nn.MaxPool2d(3, 2), nn.Flatten(),
        # dropout as torchvision places it; the paper: after fc6 and fc7
        nn.Dropout(0.5), nn.Linear(c5 * 6 * 6, FC), nn.ReLU(),
        nn.Dropout(0.5), nn.Linear(FC, FC), nn.ReLU(),
        nn.Linear(FC, CLASSES))


# %% Build both at full size, then count
with torch.device("meta"):  # shapes only, no memory
    single = alexnet(SINGLE, 1, 2)  # 224x224 input
    paper = alexnet(PAPER, GROUPS, 0)  # 227x227 input
    maps = [single[:13](torch.zeros(1, 3, 224, 224)),  # before Flatten
            paper[:13](torch.zeros(1, 3, 227, 227))]
for size, m in zip((224, 227), maps):
    print(f"last feature maps, {size} input:", "x".join(map(str, m.shape[1:])))
for label, model in [("single tower", single), ("paper, grouped", paper)]:
    print(f"parameters, {label}:", sum(p.numel() for p in model.parameters()))


# %% The formula, layer by layer: weights k*k*(c_in/groups)*c_out + c_out
def count(channels, groups):
    c = (3, *channels)
    k, g = (11, 5, 3, 3, 3), (1, groups, 1, groups, groups)
    convs = [k[i] ** 2 * c[i] // g[i] * c[i + 1] + c[i + 1] for i in range(5)]
    dense = [(c[5] * 36 + 1) * FC, (FC + 1) * FC, (FC + 1) * CLASSES]
    return convs, dense


for label, channels, groups in [("single tower", SINGLE, 1),
                                ("paper, grouped", PAPER, GROUPS),
                                ("paper, no groups", PAPER, 1)]:
    convs, dense = count(channels, groups)
    print(f"formula, {label}: {sum(convs) + sum(dense)} "
          f"(convolutions {sum(convs)}, dense {sum(dense)})")

# %% The budget: parameters sit in the dense layers, compute in the convs
convs, dense = count(PAPER, GROUPS)
sides = (55, 27, 13, 13, 13)  # output height = width of conv1..conv5
c_out, units = PAPER, (FC, FC, CLASSES)  # one bias per map, per unit
weights = ([p - b for p, b in zip(convs, c_out)]
           + [p - b for p, b in zip(dense, units)])
macs = [w * s * s for w, s in zip(weights, sides)] + weights[5:]  # a weight:
total = sum(convs) + sum(dense)  # one multiply-add per output position
print(f"dense share of parameters: {sum(dense) / total:.3f}")
print(f"conv share of multiply-adds: {sum(macs[:5]) / sum(macs):.3f}")
print(f"multiply-adds per 227x227 image: {sum(macs)} "
      f"({sum(macs) / 1e9:.2f} billion)")
