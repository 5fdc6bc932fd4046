# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn
T = 100  # diffusion steps, the schedule of the forward snippet
BETA_START = 0.001
BETA_END = 0.2
DATA_SEED = 0
N_TRAIN = 4000  # training points; held-out and second draw: N_EVAL each
N_EVAL = 1000  # also the number of samples and of noise points
HIDDEN = 64  # two hidden layers
EMBED_DIM = 16  # sinusoidal embedding of t
BATCH_SIZE = 512
STEPS = 1000  # Adam steps per seed
LEARNING_RATE = 0.003
SEEDS = (0, 1, 2)  # initial weights, batches, noise, samples
for name in ("T BETA_START BETA_END DATA_SEED N_TRAIN N_EVAL HIDDEN EMBED_DIM"
             " BATCH_SIZE STEPS LEARNING_RATE SEEDS").split():
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
# %% The noise schedule and the data: two moons, as in the forward snippet
torch.set_num_threads(1)  # tiny ops: threads cost more than they save
betas = torch.linspace(BETA_START, BETA_END, T)  # index t - 1 for step t
alpha_bar = torch.cumprod(1 - betas, 0)
def two_moons(n, rng):
    upper, angle = rng.integers(0, 2, n) == 1, rng.uniform(0, np.pi, n)
    x = np.where(upper, np.cos(angle), 1 - np.cos(angle))
    y = np.where(upper, np.sin(angle), 0.5 - np.sin(angle))
    return np.stack([x, y], 1) + rng.normal(0, 0.1, (n, 2))
raw = two_moons(N_TRAIN + 2 * N_EVAL, np.random.default_rng(DATA_SEED))
mu, sd = raw[:N_TRAIN].mean(0), raw[:N_TRAIN].std(0)  # the training points'
data = np.float32((raw - mu) / sd)
train, held_out, second = np.split(data, [N_TRAIN, N_TRAIN + N_EVAL])
# %% Energy distance (Szekely & Rizzo 2013), in NumPy
def mean_dist(a, b):  # the mean of |a_i - b_j| over all pairs
    return np.sqrt(((a[:, None] - b[None]) ** 2).sum(-1)).mean()
def energy_distance(a, b):
    return 2 * mean_dist(a, b) - mean_dist(a, a) - mean_dist(b, b)
floor = energy_distance(second, held_out)  # data against data
print(f"energy distance, second data draw vs held-out: {floor:.4f}")
redraws = [energy_distance(np.float32((two_moons(N_EVAL, np.random.default_rng(
    s)) - mu) / sd), held_out) for s in range(1, 6)]  # data seeds 1 to 5
print(f"five more draws: mean {np.mean(redraws):.4f}, max {max(redraws):.4f}")
# %% The noise predictor: an MLP on x_t and an embedding of t
def embed(t):  # t: integer steps 1..T, shape (n,)
    half = torch.arange(EMBED_DIM // 2) / (EMBED_DIM // 2)
    angles = t[:, None].float() * torch.exp(-np.log(1000) * half)
    return torch.cat([torch.sin(angles), torch.cos(angles)], 1)
def denoiser():  # predicts eps from [x_t, embed(t)]
    return nn.Sequential(nn.Linear(2 + EMBED_DIM, HIDDEN), nn.SiLU(),
                         nn.Linear(HIDDEN, HIDDEN), nn.SiLU(),
                         nn.Linear(HIDDEN, 2))
# %% Training: the simple loss |eps - eps_theta(x_t, t)|^2
def fit(seed):
    torch.manual_seed(seed)
    model, x = denoiser(), torch.tensor(train, dtype=torch.float32)
    adam = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
    for step in range(STEPS):
        x_0 = x[torch.randint(0, N_TRAIN, (BATCH_SIZE,))]
        t, eps = torch.randint(1, T + 1, (BATCH_SIZE,)), torch.randn_like(x_0)
        ab = alpha_bar[t - 1][:, None]
        x_t = ab.sqrt() * x_0 + (1 - ab).sqrt() * eps  # the closed form
        loss = ((eps - model(torch.cat([x_t, embed(t)], 1))) ** 2).mean()
        adam.zero_grad(), loss.backward(), adam.step()
    return model
# %% Sampling: from pure noise, T denoising steps (Ho et al., Algorithm 2)
@torch.no_grad()  # no graph needed while sampling
def sample(model, n):
    x = torch.randn(n, 2)  # x_T
    for t in range(T, 0, -1):
        beta, ab = betas[t - 1], alpha_bar[t - 1]
        eps = model(torch.cat([x, embed(torch.full((n,), t))], 1))
        x = (x - beta / (1 - ab).sqrt() * eps) / (1 - beta).sqrt()
        if t > 1:  # add noise with sigma_t^2 = beta_t
            x = x + beta.sqrt() * torch.randn(n, 2)
    return x.numpy()
# %% Every seed: samples against held-out data, beside floor and ceiling
import time
results, times = [], []
print("seed  samples vs held-out  noise vs held-out")
for seed in SEEDS:
    start = time.perf_counter()
    samples = sample(fit(seed), N_EVAL)  # train, then sample
    times.append(time.perf_counter() - start)
    noise = np.random.default_rng(seed).normal(size=(N_EVAL, 2))
    ed, ceiling = (energy_distance(s, held_out) for s in (samples, noise))
    results.append((ed, ceiling))
    print(f"{seed:4d} {ed:20.4f} {ceiling:18.4f}")
mean, spread = np.mean(results, 0), np.std(results, 0)
print(f"samples: mean {mean[0]:.4f}, std {spread[0]:.4f}")
print(f"worst samples / noise ratio: {max(e / c for e, c in results):.2f}")
# %% Time per seed
# verified: timing
print(f"this machine: {np.mean(times):.1f} s per seed, training and sampling")
# %% The samples of the last seed over the held-out data
fig, ax = plt.subplots(figsize=(4.5, 4))
ax.scatter(*held_out.T, s=3, c="grey")
ax.scatter(*samples.T, s=3, c="tab:orange")
ax.set(title=f"DDPM samples (orange, seed {seed})\nover held-out data (grey)")
plt.show()
