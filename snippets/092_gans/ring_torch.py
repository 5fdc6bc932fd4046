# %% Settings: the ring and the metrics
import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn

def show(names):  # print settings as "label: value" lines
    for name in names.split():
        print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
DATA_SEED = 0  # the ring data and the evaluation draws
MODES = 8  # Gaussians on a ring (Metz et al. 2017)
RADIUS = 2.0
STD = 0.05  # of each Gaussian
N_DATA = 10000
N_EVAL = 2000  # samples scored per seed
NEAR = 0.15  # 3 STD: a sample this close to a centre is "high quality"
MIN_COUNT = 20  # a mode is reached by at least this many near samples
show("DATA_SEED MODES RADIUS STD N_DATA N_EVAL NEAR MIN_COUNT")

# %% Settings: the networks and their training
SEEDS = (0, 1, 2)  # weights, noise and batches: one GAN per seed
LATENT = 2
HIDDEN = 64
BATCH_SIZE = 256
STEPS = 900  # one discriminator and one generator update each
LEARNING_RATE = 0.002  # Adam, both networks
BETA_1 = 0.5
show("SEEDS LATENT HIDDEN BATCH_SIZE STEPS LEARNING_RATE BETA_1")

# %% Data: 8 Gaussians on a ring, and the two metrics
rng = np.random.default_rng(DATA_SEED)
angles = 2 * np.pi * np.arange(MODES) / MODES
CENTRES = RADIUS * np.stack([np.cos(angles), np.sin(angles)], 1)
def ring(n):
    return CENTRES[rng.integers(MODES, size=n)] + STD * rng.normal(size=(n, 2))
X = torch.tensor(ring(N_DATA), dtype=torch.float32)
def coverage(samples):  # modes reached, share of samples near a mode
    dist = np.linalg.norm(samples[:, None] - CENTRES[None], axis=2)
    near = dist.min(1) < NEAR
    counts = np.bincount(dist.argmin(1)[near], minlength=MODES)
    return int((counts >= MIN_COUNT).sum()), near.mean()

# %% Baselines: the data itself and a wide Gaussian
for name, s in [("data", ring(N_EVAL)),
                ("wide Gaussian", RADIUS * rng.normal(size=(N_EVAL, 2)))]:
    modes, quality = coverage(s)
    print(f"{name}: modes reached {modes}, high quality {quality:.3f}")

# %% Generator and discriminator: small MLPs
def mlp(n_in, n_out):
    return nn.Sequential(nn.Linear(n_in, HIDDEN), nn.ReLU(),
                         nn.Linear(HIDDEN, HIDDEN), nn.ReLU(),
                         nn.Linear(HIDDEN, n_out))
bce = nn.BCEWithLogitsLoss()  # on logits: D's output has no sigmoid

# %% One GAN step: D, then G
def train_step(G, D, opt_g, opt_d, real):
    fake = G(torch.randn(len(real), LATENT))
    d_real, d_fake = D(real), D(fake.detach())  # no gradient into G here
    d_loss = (bce(d_real, torch.ones_like(d_real))
              + bce(d_fake, torch.zeros_like(d_fake)))
    opt_d.zero_grad()
    d_loss.backward()
    opt_d.step()
    g_loss = bce(D(fake), torch.ones_like(d_fake))  # non-saturating
    opt_g.zero_grad()
    g_loss.backward()
    opt_g.step()

# %% Training, with coverage at checkpoints
def train(seed):  # the samples at each checkpoint
    torch.manual_seed(seed)
    G, D = mlp(LATENT, 2), mlp(2, 1)
    opt_g, opt_d = (torch.optim.Adam(net.parameters(), LEARNING_RATE,
                                     (BETA_1, 0.999)) for net in (G, D))
    history = []
    for step in range(1, STEPS + 1):
        train_step(G, D, opt_g, opt_d, X[torch.randint(N_DATA, (BATCH_SIZE,))])
        if step % (STEPS // 3) == 0:
            with torch.no_grad():
                history.append(G(torch.randn(N_EVAL, LATENT)).numpy())
    return history

# %% One GAN per seed
samples = {seed: train(seed) for seed in SEEDS}  # the last after STEPS
for seed, history in samples.items():
    print(f"seed {seed}: modes at checkpoints",
          *[coverage(s)[0] for s in history])
    modes, quality = coverage(history[-1])
    print(f"seed {seed}: modes reached {modes}, high quality {quality:.3f}")

# %% Samples over the data, one panel per seed
fig, axes = plt.subplots(1, len(SEEDS), figsize=(9, 3.2))
for ax, seed in zip(axes, SEEDS):
    ax.scatter(*X[:N_EVAL].T, s=2, c="lightgray", label="data")
    ax.scatter(*samples[seed][-1].T, s=2, c="C3", label="GAN")
    ax.set(title=f"seed {seed}", aspect="equal", xticks=[], yticks=[])
axes[0].legend(loc="center", markerscale=4)
fig.suptitle(f"PyTorch: GAN samples after {STEPS} steps, over the data")
plt.show()
