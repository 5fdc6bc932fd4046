# %% Settings
import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

C_IN, C_OUT, K, SIZE = 64, 128, 3, 56  # one layer on a 56x56 map
IMAGE_SIZE = 224  # MobileNet v1 at its original size
CLASSES = 1000
for name in ["C_IN", "C_OUT", "K", "SIZE", "IMAGE_SIZE", "CLASSES"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% A standard conv and a depthwise-separable one, no biases
standard = nn.Conv2d(C_IN, C_OUT, K, padding=1, bias=False)
separable = nn.Sequential(  # depthwise: one KxK filter per input channel
    nn.Conv2d(C_IN, C_IN, K, padding=1, groups=C_IN, bias=False),
    nn.Conv2d(C_IN, C_OUT, 1, bias=False))  # pointwise: mixes channels
count = lambda m: sum(p.numel() for p in m.parameters())
x = torch.zeros(1, C_IN, SIZE, SIZE)
print(f"output shapes: {tuple(standard(x).shape)} {tuple(separable(x).shape)}")

# %% Parameters and multiply-adds: layers against the formula
p_std, p_sep = K * K * C_IN * C_OUT, K * K * C_IN + C_IN * C_OUT
print(f"standard parameters: {count(standard)}, formula: {p_std}")
print(f"separable parameters: {count(separable)}, formula: {p_sep}")
print(f"standard multiply-adds: {p_std * SIZE * SIZE}")  # by formula
print(f"separable multiply-adds: {p_sep * SIZE * SIZE}")
print(f"ratio: {p_sep / p_std:.4f}, 1/C_out + 1/K^2: "
      f"{1 / C_OUT + 1 / K ** 2:.4f}")
def macs(m):  # FlopCounterMode counts 2 FLOPs per multiply-add
    with FlopCounterMode(display=False) as counter:
        m(x)
    return counter.get_total_flops() // 2
print(f"multiply-adds counted: {macs(standard)} {macs(separable)}")

# %% The mistake: a full KxK conv where the depthwise one should be
wrong = nn.Sequential(  # groups=C_in forgotten: every channel mixed
    nn.Conv2d(C_IN, C_IN, K, padding=1, bias=False),
    nn.Conv2d(C_IN, C_OUT, 1, bias=False))
print(f"without the depthwise step: {count(wrong)} parameters")
print(f"more than the standard layer when C_in > {(1 - 1 / K**2) * C_OUT:.1f}")

# %% An Xception-style block: separable convs plus a residual shortcut
def sep(c_in, c_out):  # depthwise 3x3 then pointwise 1x1, then BatchNorm
    return [nn.Conv2d(c_in, c_in, 3, padding=1, groups=c_in, bias=False),
            nn.Conv2d(c_in, c_out, 1, bias=False), nn.BatchNorm2d(c_out)]

class XceptionBlock(nn.Module):  # like Xception's entry flow
    def __init__(self, c_in, c_out):
        super().__init__()
        self.body = nn.Sequential(nn.ReLU(), *sep(c_in, c_out), nn.ReLU(),
                                  *sep(c_out, c_out), nn.MaxPool2d(3, 2, 1))
        self.short = nn.Sequential(nn.Conv2d(c_in, c_out, 1, 2, bias=False),
                                   nn.BatchNorm2d(c_out))
    def forward(self, x):
        return self.body(x) + self.short(x)

block = XceptionBlock(C_IN, C_OUT)
print(f"xception block: {tuple(block(x).shape)}, parameters {count(block)}")

# %% MobileNet v1 at full size (Howard et al. 2017)
PLAN = [(64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2)] + \
    [(512, 1)] * 5 + [(1024, 2), (1024, 1)]  # (channels, stride)
def conv_bn(c_in, c_out, k, stride, groups=1):
    return [nn.Conv2d(c_in, c_out, k, stride, k // 2, groups=groups,
                      bias=False), nn.BatchNorm2d(c_out), nn.ReLU()]
with torch.device("meta"):  # shapes only, no memory
    layers, c = conv_bn(3, 32, 3, 2), 32
    for c_out, stride in PLAN:
        layers += conv_bn(c, c, 3, stride, groups=c) + conv_bn(c, c_out, 1, 1)
        c = c_out
    mobilenet = nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                              nn.Linear(c, CLASSES))
    out = mobilenet(torch.empty(1, 3, IMAGE_SIZE, IMAGE_SIZE))
chans = [32] + [c for c, _ in PLAN]  # stem 3x3 conv, then per block:
formula = 27 * 32 + 2 * 32 + sum(9 * a + 2 * a + a * b + 2 * b  # dw, pw
                                 for a, b in zip(chans, chans[1:]))
formula += 1024 * CLASSES + CLASSES  # the dense classifier
print(f"mobilenet v1 output: {tuple(out.shape)}, parameters: "
      f"{count(mobilenet)}, formula: {formula}")
