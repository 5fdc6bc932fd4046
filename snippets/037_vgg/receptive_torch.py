# %% Settings
import torch
from torch import nn

CHANNELS = 64  # input and output maps of each convolution (VGG's first block)
SIDE = 11  # the probe image for the receptive field, SIDE x SIDE
print(f"channels: {CHANNELS}\nside: {SIDE}")


# %% Parameters: a stack of 3x3 convolutions against one large kernel
def stack(n, k):  # n convolutions k x k, CHANNELS -> CHANNELS, padding same
    return nn.Sequential(*[nn.Conv2d(CHANNELS, CHANNELS, k, padding=k // 2)
                           for _ in range(n)])


C = CHANNELS
for n, k in [(2, 3), (1, 5), (3, 3), (1, 7)]:
    count = sum(p.numel() for p in stack(n, k).parameters())
    print(f"{n} conv {k}x{k}: parameters {count}, "
          f"formula {n * (k * k * C * C + C)}")


# %% Receptive field: which input pixels reach the centre output?
def field(n):  # n 3x3 convolutions, one channel, every weight 1, no bias
    convs = [nn.Conv2d(1, 1, 3, padding=1, bias=False) for _ in range(n)]
    for conv in convs:
        nn.init.ones_(conv.weight)
    x = torch.ones(1, 1, SIDE, SIDE, requires_grad=True)
    nn.Sequential(*convs)(x)[0, 0, SIDE // 2, SIDE // 2].backward()
    return x.grad[0, 0]  # d centre output / d each input pixel


for n in (1, 2, 3):
    rows = field(n).ne(0).any(dim=1).sum().item()
    cols = field(n).ne(0).any(dim=0).sum().item()
    print(f"{n} stacked 3x3: receptive field {rows}x{cols}")

# %% The gradient of two stacked 3x3: every pixel of a 5x5, centre weighted
c = SIDE // 2
grad = field(2)[c - 2:c + 3, c - 2:c + 3]  # the 5x5 around the centre
for row in grad.int().tolist():
    print("weights:", " ".join(f"{v:2d}" for v in row))
print("outside the 5x5:", int(field(2).sum() - grad.sum()))
