# %% Imports
import matplotlib.pyplot as plt
import numpy as np
import torch
from sklearn.datasets import load_digits
from sklearn.linear_model import LogisticRegression
from torch import nn

torch.set_num_threads(1)  # layers this small: faster on one thread
# %% Settings
DATA_SEED, SEEDS = 0, (0, 1, 2)  # the split; one GAN per seed
N_TRAIN, N_SAMPLES = 1297, 500  # training digits; samples scored per seed
LATENT = 16  # size of the noise vector z
BATCH_SIZE = 64
STEPS = 300  # generator updates (one discriminator update each)
LEARNING_RATE = 0.002  # Adam; ten times the paper's 2e-4, for 300 steps
BETA_1 = 0.5  # Adam's first-moment decay, as in the paper
BN_MOMENTUM = 0.9  # batch norm's running averages keep 90% per step
for name in ["DATA_SEED", "SEEDS", "N_TRAIN", "N_SAMPLES", "LATENT",
             "BATCH_SIZE", "STEPS", "LEARNING_RATE", "BETA_1", "BN_MOMENTUM"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
# %% Data in [-1, 1] and the judge, as in the first script
X, y = load_digits(return_X_y=True)
order = np.random.default_rng(DATA_SEED).permutation(len(X))
X, y = X[order] / 8.0 - 1.0, y[order]
judge = LogisticRegression(max_iter=2000).fit(X[:N_TRAIN], y[:N_TRAIN])
real = torch.tensor(X[:N_TRAIN], dtype=torch.float32).reshape(-1, 1, 8, 8)

def report(label, images):  # classes with 2% or more, mean top probability
    probs = judge.predict_proba(np.asarray(images).reshape(-1, 64))
    counts = np.bincount(probs.argmax(axis=1), minlength=10)
    classes = (counts >= 0.02 * len(probs)).sum()
    confidence = probs.max(axis=1).mean()
    print(f"{label}: classes {classes}, confidence {confidence:.3f}")
    print("  per class:", " ".join(f"{c:3d}" for c in counts))
    return classes, confidence
# %% Generator (transposed convolutions, batch norm) and discriminator
def generator():
    return nn.Sequential(
        nn.Linear(LATENT, 32 * 2 * 2), nn.Unflatten(1, (32, 2, 2)),
        nn.BatchNorm2d(32, momentum=1 - BN_MOMENTUM), nn.ReLU(),
        nn.ConvTranspose2d(32, 16, 4, stride=2, padding=1),  # 4x4
        nn.BatchNorm2d(16, momentum=1 - BN_MOMENTUM), nn.ReLU(),
        nn.ConvTranspose2d(16, 1, 4, stride=2, padding=1), nn.Tanh())  # 8x8
def discriminator():
    return nn.Sequential(
        nn.Conv2d(1, 16, 4, stride=2, padding=1), nn.LeakyReLU(0.2),  # 4x4
        nn.Conv2d(16, 32, 4, stride=2, padding=1), nn.LeakyReLU(0.2),  # 2x2
        nn.Flatten(), nn.Linear(32 * 2 * 2, 1))  # a logit: real or fake
# %% One training step: the discriminator, then the generator
bce = nn.BCEWithLogitsLoss()
def train_step(G, D, opt_g, opt_d, batch):
    fake = G(torch.randn(len(batch), LATENT))
    ones, zeros = torch.ones(len(batch), 1), torch.zeros(len(batch), 1)
    logits = D(torch.cat([batch, fake.detach()]))  # one call, both halves
    real_logit, fake_logit = logits.chunk(2)
    opt_d.zero_grad()
    (bce(real_logit, ones) + bce(fake_logit, zeros)).backward()
    opt_d.step()
    opt_g.zero_grad()
    bce(D(fake), ones).backward()  # non-saturating: make D call fakes real
    opt_g.step()
# %% The training loop: STEPS minibatches drawn with replacement
def train(G, D, opt_g, opt_d):
    for step in range(STEPS):
        batch = real[torch.randint(0, N_TRAIN, (BATCH_SIZE,))]
        train_step(G, D, opt_g, opt_d, batch)
# %% Train one GAN per seed; score 500 samples before and after training
def sample(G):
    G.eval()  # batch norm uses its running statistics
    with torch.no_grad():
        return G(torch.randn(N_SAMPLES, LATENT)).numpy()
results, grids = [], []
for seed in SEEDS:
    torch.manual_seed(seed)
    G, D = generator(), discriminator()
    report(f"seed {seed}, untrained G", sample(G))
    G.train()
    opt_g = torch.optim.Adam(G.parameters(), LEARNING_RATE, (BETA_1, 0.999))
    opt_d = torch.optim.Adam(D.parameters(), LEARNING_RATE, (BETA_1, 0.999))
    train(G, D, opt_g, opt_d)
    images = sample(G)
    results.append(report(f"seed {seed}, trained G", images))
    grids.append(images[:10])
classes, confidence = np.array(results).T
print(f"classes: mean {classes.mean():.1f}, min {classes.min():.0f}; "
      f"confidence: mean {confidence.mean():.3f}, min {confidence.min():.3f}")
# %% Sample grid: ten samples per seed above ten held-out real digits
rows = [*grids, X[N_TRAIN:N_TRAIN + 10].reshape(10, 1, 8, 8)]
fig, axes = plt.subplots(len(rows), 10, figsize=(6, 2.6))
for ax, image in zip(axes.flat, np.concatenate(rows)):
    ax.imshow(image[0], cmap="gray_r", vmin=-1, vmax=1)
    ax.axis("off")
fig.suptitle("PyTorch DCGAN: samples for seeds 0, 1, 2; real digits last")
plt.show()
