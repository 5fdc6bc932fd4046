# %% Settings
import matplotlib.pyplot as plt
import torch
from torch import nn

SIZE = 224  # ImageNet input, 224x224x3
FC = 4096
CLASSES = 1000
CONFIGS = {  # (convolutions, channels) per block; a 2x2 max pool after each
    "VGG-11": ((1, 64), (1, 128), (2, 256), (2, 512), (2, 512)),
    "VGG-13": ((2, 64), (2, 128), (2, 256), (2, 512), (2, 512)),
    "VGG-16": ((2, 64), (2, 128), (3, 256), (3, 512), (3, 512)),
    "VGG-19": ((2, 64), (2, 128), (4, 256), (4, 512), (4, 512)),
}
print(f"size: {SIZE}\nfc: {FC}\nclasses: {CLASSES}")
for name, config in CONFIGS.items():
    print(f"{name.lower()}: {config}")


# %% A VGG block: n 3x3 convolutions with padding 1, ReLU, then 2x2 max pool
def vgg_block(n, c_in, c_out):
    layers = []
    for _ in range(n):
        layers += [nn.Conv2d(c_in, c_out, 3, padding=1), nn.ReLU()]
        c_in = c_out
    return nn.Sequential(*layers, nn.MaxPool2d(2))


def vgg(config):  # five blocks halve 224 five times: 7x7 maps before fc6
    blocks, c_in = [], 3
    for n, c_out in config:
        blocks.append(vgg_block(n, c_in, c_out))
        c_in = c_out
    return nn.Sequential(
        *blocks, nn.Flatten(),
        nn.Linear(c_in * 7 * 7, FC), nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(FC, FC), nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(FC, CLASSES))


# %% VGG-11 and VGG-16 at full size
for name in ("VGG-11", "VGG-16"):  # meta: shapes only, no memory
    with torch.device("meta"):
        model = vgg(CONFIGS[name])
        out = model[:5](torch.zeros(1, 3, SIZE, SIZE))  # the five blocks
    n = sum(p.numel() for p in model.parameters())
    print(f"{name}: last maps {'x'.join(map(str, out.shape[1:]))}, "
          f"parameters {n}")


# %% The formula: 9 c_in c_out + c_out per convolution, plus the dense layers
def count(config):
    convs, c_in = 0, 3
    for n, c_out in config:
        convs += (9 * c_in + 1) * c_out + (n - 1) * (9 * c_out + 1) * c_out
        c_in = c_out
    dense = (c_in * 49 + 1) * FC + (FC + 1) * FC + (FC + 1) * CLASSES
    return convs, dense


for name, config in CONFIGS.items():
    convs, dense = count(config)
    depth = sum(n for n, _ in config) + 3  # weight layers
    print(f"{name}: depth {depth}, formula {convs + dense}, "
          f"convs {convs}, dense {dense}")
extra = sum(count(CONFIGS["VGG-19"])) - sum(count(CONFIGS["VGG-11"]))
print(f"VGG-19 minus VGG-11: {extra} parameters for 8 more convolutions")

# %% Depth against parameters: the dense layers dominate every configuration
names = list(CONFIGS)
convs, dense = zip(*(count(CONFIGS[n]) for n in names))
fig, ax = plt.subplots(figsize=(6, 3))
ax.bar(names, [c / 1e6 for c in convs], label="convolutions")
ax.bar(names, [d / 1e6 for d in dense], bottom=[c / 1e6 for c in convs],
       label="dense layers")
ax.set(ylabel="parameters (millions)", ylim=(0, 190))
ax.set_title("PyTorch: VGG parameters by configuration")
ax.legend(loc="upper left", ncol=2)  # above the bars
plt.show()


# %% Compute: multiply-adds per 224x224 image, one per weight per position
def multiply_adds(config):
    convs, c_in, side = 0, 3, SIZE
    for n, c_out in config:
        convs += side * side * 9 * (c_in + (n - 1) * c_out) * c_out
        c_in, side = c_out, side // 2
    return convs, c_in * 49 * FC + FC * FC + FC * CLASSES


for name, config in CONFIGS.items():
    convs, dense = multiply_adds(config)
    print(f"{name}: {(convs + dense) / 1e9:.2f} billion multiply-adds, "
          f"convs {convs / (convs + dense):.3f}")
ratio = [sum(f(CONFIGS["VGG-16"])) / sum(f(CONFIGS["VGG-11"]))
         for f in (multiply_adds, count)]
print(f"VGG-16 over VGG-11: compute {ratio[0]:.2f}, parameters {ratio[1]:.2f}")
