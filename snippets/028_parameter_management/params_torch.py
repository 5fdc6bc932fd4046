# %% Settings and data
import numpy as np
import torch
from torch import nn

SEED = 0
N_IN = 4  # the net 4 -> 8 -> 1
HIDDEN = 8
BATCH = 2
SCALE = 0.5  # of the NumPy weights copied into both frameworks
BIAS = 0.1
SIZE = 256  # the fresh SIZE x SIZE layer the initialisers fill
STD = 0.01  # of the normal initialiser
LOW = -10.0  # custom: uniform on [LOW, -LOW], then zero where |w| < CUT
CUT = 5.0
names = "SEED N_IN HIDDEN BATCH SCALE BIAS SIZE STD LOW CUT"
for name in names.split():
    print(f"{name}: {globals()[name]}")
torch.manual_seed(SEED)
rng = np.random.default_rng(SEED)
X = torch.tensor(rng.normal(size=(BATCH, N_IN)), dtype=torch.float32)

# %% Access: every parameter has a name, a shape and values
net = nn.Sequential(nn.Linear(N_IN, HIDDEN), nn.ReLU(), nn.Linear(HIDDEN, 1))
for name, w in net.named_parameters():
    print(f"{name}: shape {tuple(w.shape)}")
kernel = net[0].weight  # PyTorch stores (outputs, inputs)
print("first weight matrix shape:", tuple(kernel.shape))

# %% Write: the same NumPy weights in both frameworks
W1 = rng.normal(size=(N_IN, HIDDEN)) * SCALE
W2 = rng.normal(size=(HIDDEN, 1)) * SCALE
with torch.no_grad():  # transposed: PyTorch's layout
    net[0].weight.copy_(torch.tensor(W1.T)), net[0].bias.fill_(BIAS)
    net[2].weight.copy_(torch.tensor(W2.T)), net[2].bias.zero_()
    out = net(X).numpy().ravel()
print("output with shared weights:", " ".join(f"{v:.5f}" for v in out))


# %% Initialisers
def init(initializer):  # a fresh SIZE x SIZE layer's weight matrix
    layer = nn.Linear(SIZE, SIZE)
    initializer(layer.weight)
    return layer.weight.detach().numpy()


@torch.no_grad()
def custom(w):  # uniform on [LOW, -LOW], zero where |w| < CUT
    nn.init.uniform_(w, LOW, -LOW)
    w *= w.abs() >= CUT


# %% What each initialiser draws
w = init(lambda w: nn.init.normal_(w, 0, STD))
print(f"normal(0, {STD}): mean {w.mean():.4f}, std {w.std():.4f}")
w = init(lambda w: nn.init.constant_(w, 1))
print(f"constant 1: min {w.min():.1f}, max {w.max():.1f}")
w, bound = init(nn.init.xavier_uniform_), np.sqrt(6 / (2 * SIZE))
print(f"Xavier uniform: bound {bound:.4f}, max |w| {np.abs(w).max():.4f}")
print(f"Xavier uniform: std {w.std():.4f}, bound/sqrt(3) {bound / 3**0.5:.4f}")
w = init(custom)
print(f"custom: zeroed fraction {np.mean(w == 0):.2f}")
print(f"custom: smallest nonzero |w| {np.abs(w[w != 0]).min():.2f}")
