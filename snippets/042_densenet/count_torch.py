# %% Settings
import torch
from torch import nn

IMAGE_SIZE = 224  # the ImageNet crop Huang et al. (2016) trained on
CLASSES = 1000
GROWTH = 32  # k: channels each dense layer adds
BLOCKS = (6, 12, 24, 16)  # dense layers per block in DenseNet-121
STEM = 64  # channels out of the 7x7 stem (2k)
BOTTLENECK = 4  # the 1x1 conv before each 3x3 makes 4k channels
COMPRESSION = 0.5  # a transition keeps this fraction of the channels
for name in ["IMAGE_SIZE", "CLASSES", "GROWTH", "BLOCKS", "STEM",
             "BOTTLENECK", "COMPRESSION"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% A dense layer, a dense block, a transition layer
def bn_relu_conv(c_in, c_out, k):  # BN-ReLU-conv, as in the paper
    return [nn.BatchNorm2d(c_in), nn.ReLU(),
            nn.Conv2d(c_in, c_out, k, padding=k // 2, bias=False)]

class DenseBlock(nn.Module):  # each layer sees all earlier feature maps
    def __init__(self, c_in, n_layers, growth):
        super().__init__()
        self.layers = nn.ModuleList(nn.Sequential(
            *bn_relu_conv(c_in + i * growth, BOTTLENECK * growth, 1),
            *bn_relu_conv(BOTTLENECK * growth, growth, 3))
            for i in range(n_layers))
    def forward(self, x):
        for layer in self.layers:
            x = torch.cat([x, layer(x)], dim=1)  # concatenate, not add
        return x

def transition(c_in, c_out):  # 1x1 conv to fewer channels, then halve HxW
    return [*bn_relu_conv(c_in, c_out, 1), nn.AvgPool2d(2)]

# %% Channels grow by the growth rate inside a block
block = DenseBlock(STEM, 4, GROWTH)
x = torch.zeros(1, STEM, 8, 8)
print("channels through a 4-layer block:", STEM, end="")
for layer in block.layers:
    x = torch.cat([x, layer(x)], dim=1)
    print(f" -> {x.shape[1]}", end="")
print()

# %% DenseNet-121 at full size
def densenet():
    layers = [nn.Conv2d(3, STEM, 7, 2, padding=3, bias=False),
              nn.BatchNorm2d(STEM), nn.ReLU(), nn.MaxPool2d(3, 2, 1)]
    c = STEM
    for i, n in enumerate(BLOCKS):
        layers.append(DenseBlock(c, n, GROWTH))
        c += n * GROWTH
        if i < len(BLOCKS) - 1:
            layers += transition(c, int(c * COMPRESSION))
            c = int(c * COMPRESSION)
    head = [nn.BatchNorm2d(c), nn.ReLU(), nn.AdaptiveAvgPool2d(1),
            nn.Flatten(), nn.Linear(c, CLASSES)]
    return nn.Sequential(*layers, *head), c

# %% Build it and count
with torch.device("meta"):  # shapes only, no memory
    model, c_final = densenet()
    x = torch.empty(1, 3, IMAGE_SIZE, IMAGE_SIZE)
    print(f"output shape: {tuple(model(x).shape)}, final channels: {c_final}")
count = sum(p.numel() for p in model.parameters())
convs = sum(isinstance(m, nn.Conv2d) for m in model.modules())
print(f"conv layers: {convs}, with the dense layer: {convs + 1}")

# %% The formula
def formula():
    total, c, k = 49 * 3 * STEM + 2 * STEM, STEM, GROWTH
    for i, n in enumerate(BLOCKS):
        for j in range(n):  # BN(c) + 1x1 c->4k + BN(4k) + 3x3 4k->k
            total += 2 * c + c * 4 * k + 2 * 4 * k + 9 * 4 * k * k
            c += k
        if i < len(BLOCKS) - 1:  # BN(c) + 1x1 c -> c/2
            total += 2 * c + c * int(c * COMPRESSION)
            c = int(c * COMPRESSION)
    return total + 2 * c + c * CLASSES + CLASSES

print(f"densenet121 parameters: {count}, formula: {formula()}")
