# %% Settings
import torch
from torch import nn

IMAGE_SIZE = 224  # the ImageNet crop He et al. (2015) trained on
CLASSES = 1000
WIDTHS = (64, 128, 256, 512)  # channels of the four stages (bottleneck: x4)
DEPTHS = {"resnet18": (2, 2, 2, 2), "resnet50": (3, 4, 6, 3)}
for name in ["IMAGE_SIZE", "CLASSES", "WIDTHS", "DEPTHS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Convolution and BatchNorm (no bias: BatchNorm's shift replaces it)
def conv_bn(c_in, c_out, k, stride=1):
    conv = nn.Conv2d(c_in, c_out, k, stride, padding=k // 2, bias=False)
    return nn.Sequential(conv, nn.BatchNorm2d(c_out))

# %% Residual blocks, with a 1x1 projection when the shape changes
class Block(nn.Module):  # basic: 3x3, 3x3; bottleneck: 1x1, 3x3, 1x1 (x4)
    def __init__(self, c_in, width, stride, bottleneck):
        super().__init__()
        c_out = 4 * width if bottleneck else width
        ks = (1, 3, 1) if bottleneck else (3, 3)
        chans = (c_in,) + (width,) * (len(ks) - 1) + (c_out,)
        at = 1 if bottleneck else 0  # stride on the 3x3: ResNet "v1.5"
        self.body = nn.ModuleList(
            conv_bn(a, b, k, stride if i == at else 1)
            for i, (a, b, k) in enumerate(zip(chans, chans[1:], ks)))
        same = stride == 1 and c_in == c_out
        self.short = nn.Identity() if same else conv_bn(c_in, c_out, 1, stride)
    def forward(self, x):
        h = x
        for i, layer in enumerate(self.body):  # ReLU after each but the last
            h = layer(h) if i == len(self.body) - 1 else layer(h).relu()
        return (h + self.short(x)).relu()  # add, then ReLU

# %% The whole network
def resnet(depths, bottleneck):
    layers = [conv_bn(3, 64, 7, 2), nn.ReLU(), nn.MaxPool2d(3, 2, 1)]
    c_in = 64
    for stage, (width, n) in enumerate(zip(WIDTHS, depths)):
        for i in range(n):
            stride = 2 if stage > 0 and i == 0 else 1
            layers.append(Block(c_in, width, stride, bottleneck))
            c_in = 4 * width if bottleneck else width
    head = [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(c_in, CLASSES)]
    return nn.Sequential(*layers, *head)

# %% The formula: k*k*c_in*c_out per conv, 2*c per BatchNorm
def formula(depths, bottleneck):
    conv = lambda a, b, k: k * k * a * b + 2 * b  # conv (no bias) + BN
    total, c_in = conv(3, 64, 7), 64
    for stage, (m, n) in enumerate(zip(WIDTHS, depths)):
        c_out = 4 * m if bottleneck else m
        for i in range(n):
            if bottleneck:
                total += conv(c_in, m, 1) + conv(m, m, 3) + conv(m, c_out, 1)
            else:
                total += conv(c_in, m, 3) + conv(m, m, 3)
            if c_in != c_out or (stage > 0 and i == 0):
                total += conv(c_in, c_out, 1)  # the projection shortcut
            c_in = c_out
    return total + c_in * CLASSES + CLASSES

# %% Count both at full size
# without allocating: the meta device
for name, depths in DEPTHS.items():
    bottleneck = name == "resnet50"
    with torch.device("meta"):
        model = resnet(depths, bottleneck)
        x = torch.empty(1, 3, IMAGE_SIZE, IMAGE_SIZE)
        print(f"{name} output shape: {tuple(model(x).shape)}")
    count = sum(p.numel() for p in model.parameters())
    convs = sum(isinstance(m, nn.Conv2d) for m in model.modules())
    proj = sum(isinstance(b, Block) and isinstance(b.short, nn.Sequential)
               for b in model)
    print(f"{name} parameters: {count}, formula: "
          f"{formula(depths, bottleneck)}")
    print(f"{name} convs: {convs}, 1x1 projections: {proj}, "
          f"weight layers on the main path: {convs - proj + 1}")
    print(f"{name} buffers, BatchNorm statistics and step counters: "
          f"{sum(b.numel() for b in model.buffers())}")
