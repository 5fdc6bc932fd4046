# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import torch
from sklearn import datasets, mixture
from torch import nn

DATA_SEED = 0  # the two moons, train and test
N_TRAIN = 1000
N_TEST = 1000
NOISE = 0.05  # make_moons' Gaussian noise
LAYERS = 4  # affine coupling layers, masks alternating
HIDDEN = 32
STEPS = 400  # Adam steps on minibatches
BATCH_SIZE = 128
LEARNING_RATE = 0.005
SEEDS = (0, 1, 2)  # initial weights and minibatch order
COMPONENTS = 8  # the mixture baseline: Gaussians fitted by EM
for name in ["DATA_SEED", "N_TRAIN", "N_TEST", "NOISE", "LAYERS", "HIDDEN",
             "STEPS", "BATCH_SIZE", "LEARNING_RATE", "SEEDS", "COMPONENTS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: two moons; baselines: a Gaussian and a mixture, by max. likelihood
X = datasets.make_moons(N_TRAIN + N_TEST, noise=NOISE, random_state=DATA_SEED)
X_train, X_test = np.split(X[0].astype("float32"), [N_TRAIN])
# one component: the Gaussian with the data's mean and covariance (divided by n)
gauss = mixture.GaussianMixture(1, reg_covar=0).fit(X_train).score(X_test)
print(f"Gaussian baseline, test log-likelihood: {gauss:.3f} nats/point")
mix = mixture.GaussianMixture(COMPONENTS, random_state=DATA_SEED).fit(X_train)
print(f"mixture baseline, test log-likelihood: {mix.score(X_test):.3f}")

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
# %% Training: minimise the negative log-likelihood, once per seed
def fit(seed):
    torch.manual_seed(seed)
    flow = Flow()
    adam = torch.optim.Adam(flow.parameters(), LEARNING_RATE)
    for step in range(STEPS):
        batch = torch.tensor(X_train[torch.randint(N_TRAIN, (BATCH_SIZE,))])
        adam.zero_grad()
        (-flow.log_prob(batch).mean()).backward()  # the NLL per point
        adam.step()
    return flow
flows = [fit(seed) for seed in SEEDS]
test = torch.tensor(X_test)  # held out: mean log-likelihood per point
scores = [flow.log_prob(test).mean().item() for flow in flows]
print("flow, test log-likelihood by seed:", *[f"{v:.3f}" for v in scores])
print(f"flow, mean over seeds: {np.mean(scores):.3f}, spread "
      f"{np.ptp(scores):.3f}, gain {np.mean(scores) - gauss:.3f} nats/point")
# %% Samples (inverse pass from the base Gaussian) and the density, seed 0
torch.manual_seed(SEEDS[0])
with torch.no_grad():
    samples = flows[0].inverse(torch.randn(N_TEST, 2)).numpy()
    g1, g2 = np.meshgrid(np.linspace(-1.5, 2.5, 100), np.linspace(-1, 1.5, 80))
    grid = torch.tensor(np.c_[g1.ravel(), g2.ravel()], dtype=torch.float32)
    density = flows[0].log_prob(grid).exp().numpy().reshape(g1.shape)
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9, 3.2), sharey=True)
ax1.contourf(g1, g2, density, levels=20, cmap="Blues")
ax1.scatter(*X_test[:300].T, s=2, c="k")
ax1.set_title("flow density exp(log p), test points")
ax2.scatter(*X_test.T, s=2, c="k")
ax2.scatter(*samples.T, s=2, c="tab:orange")
ax2.set_title("samples inverse(z), z ~ N(0, I) (orange), data")
plt.show()
