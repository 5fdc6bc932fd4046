import numpy as np
import torch
from torch import nn

torch.manual_seed(0)
rng = np.random.default_rng(0)
X = torch.tensor(rng.normal(size=(2, 4)), dtype=torch.float32)
net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))

# Access: each parameter is a tensor with a name, a shape and values.
for name, w in net.named_parameters():
    print(f"{name}: shape {tuple(w.shape)}")
print("first weight matrix shape:", tuple(net[0].weight.shape))  # PyTorch stores (outputs, inputs)

# Write: copy the same NumPy weights into the net, so both frameworks compute the same output.
W1, W2 = rng.normal(size=(4, 8)) * 0.5, rng.normal(size=(8, 1)) * 0.5
with torch.no_grad():
    net[0].weight.copy_(torch.tensor(W1.T)), net[0].bias.fill_(0.1)
    net[2].weight.copy_(torch.tensor(W2.T)), net[2].bias.zero_()
print("output with shared weights:", " ".join(f"{v:.5f}" for v in net(X).detach().numpy().ravel()))


def init(initializer):
    """Initialise a fresh 256 x 256 layer and return its weight matrix."""
    layer = nn.Linear(256, 256)
    initializer(layer.weight)
    return layer.weight.detach().numpy()


@torch.no_grad()
def custom(w):
    """Uniform on [-10, 10], then zero every weight with |w| < 5."""
    nn.init.uniform_(w, -10.0, 10.0)
    w *= w.abs() >= 5


w = init(lambda w: nn.init.normal_(w, 0.0, 0.01))
print(f"normal(0, 0.01): mean {w.mean():.4f}, std {w.std():.4f}")
w = init(lambda w: nn.init.constant_(w, 1.0))
print(f"constant 1: min {w.min():.1f}, max {w.max():.1f}")
w = init(nn.init.xavier_uniform_)
print(f"Xavier uniform: bound {np.sqrt(6 / (256 + 256)):.4f}, max |w| {np.abs(w).max():.4f}, std {w.std():.4f}")
w = init(custom)
print(f"custom: zeroed fraction {np.mean(w == 0):.2f}, smallest nonzero |w| {np.abs(w[w != 0]).min():.2f}")
