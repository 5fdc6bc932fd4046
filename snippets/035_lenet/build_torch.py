# %% Settings
import torch
from torch import nn

SIZE = 32  # LeNet-5's input: 32x32 pixels, one channel
PAD = 2  # on the first convolution, for 28x28 MNIST digits
KERNEL = 5
C1, C3, C5, F6, CLASSES = 6, 16, 120, 84, 10  # channels and units
for name in ["SIZE", "PAD", "KERNEL", "C1", "C3", "C5", "F6", "CLASSES"]:
    print(f"{name.lower()}: {globals()[name]}")


# %% LeNet-5: two conv/pool stages, then C5, F6 and the output layer
def lenet(pad):  # pad = 0 for 32x32 inputs, PAD for 28x28 ones
    return nn.Sequential(
        nn.Conv2d(1, C1, KERNEL, padding=pad), nn.Tanh(),  # C1
        nn.AvgPool2d(2),  # S2
        nn.Conv2d(C1, C3, KERNEL), nn.Tanh(),  # C3
        nn.AvgPool2d(2),  # S4
        nn.Conv2d(C3, C5, KERNEL), nn.Tanh(),  # C5: 5x5 input -> 1x1
        nn.Flatten(),
        nn.Linear(C5, F6), nn.Tanh(),  # F6
        nn.Linear(F6, CLASSES),  # logits
    )


# %% The shapes and parameters of each layer, on a 32x32 input
NAMES = ["C1", "S2", "C3", "S4", "C5", "flatten", "F6", "output"]
model = lenet(0)
x = torch.zeros(1, 1, SIZE, SIZE)  # NCHW
layers = [layer for layer in model if not isinstance(layer, nn.Tanh)]
for name, layer in zip(NAMES, layers):
    x = layer(x)  # a Tanh after C1, C3, C5 and F6 keeps the shape
    x = torch.tanh(x) if name in ("C1", "C3", "C5", "F6") else x
    shape = "x".join(str(d) for d in x.shape[1:])  # channels x H x W
    n = sum(p.numel() for p in layer.parameters())
    print(f"{name:>7}: output {shape:>8}, parameters {n}")

# %% The count, from the framework and from the formula
count = sum(p.numel() for p in model.parameters())
K2 = KERNEL * KERNEL
formula = ((K2 * 1 + 1) * C1 + (K2 * C1 + 1) * C3 + (K2 * C3 + 1) * C5
           + (C5 + 1) * F6 + (F6 + 1) * CLASSES)
print("parameters, PyTorch:", count)
print("parameters, formula:", formula)
padded = lenet(PAD)  # 28x28 input, padding 2: the same weights' shapes
print("parameters, 28x28 with padding 2:",
      sum(p.numel() for p in padded.parameters()))
c1 = padded[0](torch.zeros(1, 1, 28, 28)).shape[1:]
print("C1 output on 28x28:", "x".join(str(d) for d in c1))

# %% The 1998 paper's count: sparse C3, trainable pooling, fixed RBF output
C3_INPUTS = 6 * 3 + 9 * 4 + 1 * 6  # the paper's C3 connection table
paper = {"C1": (K2 + 1) * C1, "S2": 2 * C1, "C3": K2 * C3_INPUTS + C3,
         "S4": 2 * C3, "C5": (K2 * C3 + 1) * C5, "F6": (C5 + 1) * F6}
for name, n in paper.items():
    print(f"paper, {name}: {n}")
print("paper, trainable total:", sum(paper.values()))
print("paper, fixed RBF output weights:", F6 * CLASSES)
