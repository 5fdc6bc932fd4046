# %% Settings
import numpy as np
import torch
from torch import nn

SEED = 0  # the random weights and the points
LAYERS = 4  # affine coupling layers, masks alternating
HIDDEN = 32
N_POINTS = 500  # where the Jacobian is checked
TOLERANCE = 1e-5  # float32: a few rounding units of values of order 1-10
GRID = 400  # points per side of the grid that integrates p(x)
BOX = 8.0  # the grid spans [-BOX, BOX] on both axes
WEIGHT_SCALE = 4.0  # s and t weights times this: a flow that bends more
for name in ["SEED", "LAYERS", "HIDDEN", "N_POINTS", "TOLERANCE", "GRID", "BOX",
             "WEIGHT_SCALE"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% An affine coupling layer: log|det J| = the sum of its log-scales
class Coupling(nn.Module):
    def __init__(self, mask):  # mask 1: passed through unchanged
        super().__init__()
        self.register_buffer("mask", torch.tensor(mask))
        self.net = nn.Sequential(nn.Linear(2, HIDDEN), nn.ReLU(),
                                 nn.Linear(HIDDEN, HIDDEN), nn.ReLU(),
                                 nn.Linear(HIDDEN, 4))
    def scale_shift(self, x):  # from the passed-through part only
        s, t = self.net(x * self.mask).chunk(2, dim=1)
        return torch.tanh(s) * (1 - self.mask), t * (1 - self.mask)
    def forward(self, x):  # x -> z, and log|det dz/dx| per point
        s, t = self.scale_shift(x)
        return x * torch.exp(s) + t, s.sum(dim=1)
    def inverse(self, z):  # the passed-through part gives the same s, t
        s, t = self.scale_shift(z)
        return (z - t) * torch.exp(-s)
# %% RealNVP: coupling layers with alternating masks; log-dets add
class Flow(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.ModuleList(Coupling([1.0 - i % 2, 1.0 * (i % 2)])
                                    for i in range(LAYERS))
    def forward(self, x):  # x -> z, and log|det J| of the whole flow
        logdet = 0
        for layer in self.layers:
            x, ld = layer(x)
            logdet = logdet + ld
        return x, logdet
    def inverse(self, z):
        for layer in reversed(self.layers):
            z = layer.inverse(z)
        return z
    def log_prob(self, x):  # change of variables: log N(z; 0, I) + log|det|
        z, logdet = self(x)
        return -0.5 * (z**2).sum(dim=1) - np.log(2 * np.pi) + logdet

# %% An untrained flow: random weights, so log|det J| varies with x
torch.manual_seed(SEED)
flow = Flow()
with torch.no_grad():
    for layer in flow.layers:  # the last linear layer gives s and t
        layer.net[-1].weight.mul_(WEIGHT_SCALE)
x = torch.randn(N_POINTS, 2)
z, logdet = flow(x)
print(f"log|det J| from the scales: {logdet.min():.3f} to {logdet.max():.3f}")

# %% Against log|det| of the Jacobian from autograd, point by point
# each z_i depends only on x_i, so d(sum_i z_i)/dx stacks the 2x2 Jacobians
J = torch.autograd.functional.jacobian(lambda x: flow(x)[0].sum(0), x)
J = J.permute(1, 0, 2)  # (point, output, input)
numeric = torch.linalg.slogdet(J).logabsdet
diff = (numeric - logdet).abs().max().item()
print(f"log|det J|, max abs diff from autograd's Jacobian: {diff:.1e}")
print(f"within tolerance {TOLERANCE}: {diff < TOLERANCE}")
one = torch.autograd.functional.jacobian(flow.layers[0], x[:1])[0]
print("one coupling layer's Jacobian at x[0] (triangular):")
print(np.array2string(one[0, :, 0].detach().numpy(), precision=3))

# %% The inverse is exact: x -> z -> x and z -> x -> z
with torch.no_grad():
    back = (flow.inverse(z) - x).abs().max().item()
    forth = (flow(flow.inverse(x))[0] - x).abs().max().item()
print(f"round trip x -> z -> x, max abs error: {back:.1e}")
print(f"round trip z -> x -> z, max abs error: {forth:.1e}")

# %% The density integrates to 1, and only with the log-determinant
side = np.linspace(-BOX, BOX, GRID)
cell = (side[1] - side[0]) ** 2
g = torch.tensor(np.stack(np.meshgrid(side, side), -1).reshape(-1, 2),
                 dtype=torch.float32)
with torch.no_grad():
    z, logdet = flow(g)
    log_base = -0.5 * (z**2).sum(dim=1) - np.log(2 * np.pi)
mass = (log_base + logdet).exp().sum().item() * cell
print(f"sum of p(x) dx over the grid: {mass:.3f}")
print(f"the same without log|det J|: {log_base.exp().sum() * cell:.3f}")
