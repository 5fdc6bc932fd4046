# %% Settings: NiN for CIFAR-10 (Lin et al. 2013), built but not trained
import torch
from torch import nn

INPUT_SIZE = 32  # 32 x 32 colour images
CLASSES = 10
# three mlpconv blocks: (kernel, first conv width, 1x1 widths)
BLOCKS = [(5, 192, (160, 96)), (5, 192, (192, 192)), (3, 192, (192, CLASSES))]
print(f"input size: {INPUT_SIZE}\nclasses: {CLASSES}")

# %% The network: mlpconv blocks, pooling, dropout, global average pooling
def mlpconv(c_in, kernel, width, pointwise):
    layers = [nn.Conv2d(c_in, width, kernel, padding=kernel // 2), nn.ReLU()]
    for c_from, c_to in zip((width, *pointwise), pointwise):
        layers += [nn.Conv2d(c_from, c_to, 1), nn.ReLU()]
    return layers
def nin(device):
    layers, c_in = [], 3
    for i, (kernel, width, pointwise) in enumerate(BLOCKS):
        layers += mlpconv(c_in, kernel, width, pointwise)
        if i < len(BLOCKS) - 1:  # pool, then dropout, between blocks
            layers += [nn.MaxPool2d(3, 2, padding=1), nn.Dropout(0.5)]
        c_in = pointwise[-1]
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten()]
    with torch.device(device):
        return nn.Sequential(*layers)

# %% Count: the framework and the formula
model = nin("meta")  # shapes only, no memory for the weights
x = torch.zeros(1, 3, INPUT_SIZE, INPUT_SIZE, device="meta")
print("output shape:", tuple(model(x).shape))
counted = sum(p.numel() for p in model.parameters())
formula, c_in = 0, 3  # k * k * c_in * c_out + c_out for every convolution
for kernel, width, pointwise in BLOCKS:
    formula += kernel * kernel * c_in * width + width
    for c_from, c_to in zip((width, *pointwise), pointwise):
        formula += c_from * c_to + c_to
    c_in = pointwise[-1]
print("parameters, counted:", counted)
print("parameters, formula:", formula)
convs = [m for m in model if isinstance(m, nn.Conv2d)]
pointwise = sum(p.numel() for m in convs if m.kernel_size == (1, 1)
                for p in m.parameters())
print("of which in 1x1 convolutions:", pointwise)
