# %% Settings and the noise schedule
import matplotlib.pyplot as plt
import numpy as np
import torch

T = 100  # diffusion steps (Ho et al. use 1000)
BETA_START = 0.001  # their 1e-4 to 0.02, each beta times 1000 / T
BETA_END = 0.2
SEED = 0  # the framework's noise
DATA_SEED = 0  # the generated two moons
N_COPIES = 20000  # copies of one x_0, noised step by step
CHECK_STEPS = (1, 10, 30, 100)
X0 = (1.0, -0.5)  # the starting point, in the data's standardized units
for name in ["T", "BETA_START", "BETA_END", "SEED", "DATA_SEED", "N_COPIES",
             "CHECK_STEPS", "X0"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
betas = np.linspace(BETA_START, BETA_END, T)  # beta_1 .. beta_T
alpha_bar = np.cumprod(1 - betas)  # alpha_bar[t - 1] is abar_t
print(f"abar_T: {alpha_bar[-1]:.1e}")

# %% Data: two moons, generated and standardized
def two_moons(n, rng):
    upper = rng.integers(0, 2, n) == 1
    angle = rng.uniform(0, np.pi, n)
    x = np.where(upper, np.cos(angle), 1 - np.cos(angle))
    y = np.where(upper, np.sin(angle), 0.5 - np.sin(angle))
    return np.stack([x, y], 1) + rng.normal(0, 0.1, (n, 2))
points = two_moons(1000, np.random.default_rng(DATA_SEED))
points = (points - points.mean(0)) / points.std(0)  # mean 0, std 1
print("data points:", len(points))

# %% Step by step: x_t = sqrt(1 - beta_t) x_(t-1) + sqrt(beta_t) noise
torch.manual_seed(SEED)
x = torch.tensor(X0).repeat(N_COPIES, 1)  # float32, fresh noise each step
n, worst = N_COPIES, 0.0
print("   t      abar   mean: steps  closed   var: steps  closed"
      "   |z|: mean  var")
for t in range(1, T + 1):
    beta = float(betas[t - 1])
    x = (1 - beta) ** 0.5 * x + beta**0.5 * torch.randn(n, 2)
    if t in CHECK_STEPS:
        ab = alpha_bar[t - 1]
        mean, var = ab**0.5 * np.array(X0), 1 - ab  # the closed form
        m, v = x.numpy().mean(0), x.numpy().var(0)
        z_m = np.abs(m - mean) / np.sqrt(var / n)  # standard errors
        z_v = np.abs(v - var) / (var * np.sqrt(2 / (n - 1)))
        worst = max(worst, z_m.max(), z_v.max())
        print(f"{t:4d} {ab:9.2e} {m[0]:13.4f} {mean[0]:7.4f} "
              f"{v[0]:11.4f} {var:7.4f} {z_m.max():11.2f} {z_v.max():4.2f}")
print(f"largest |z| over all checks: {worst:.2f}")

# %% A wrong closed form: adding up the betas as if nothing shrank
wrong = betas.sum()  # the variance if x_t = x_0 + all the noise
print(f"sum of betas: {wrong:.2f}, closed form 1 - abar_T: "
      f"{1 - alpha_bar[-1]:.4f}")
z_wrong = abs(x.numpy().var(0)[0] - wrong) / (wrong * np.sqrt(2 / (n - 1)))
print(f"|z| of the final variance against the sum of betas: {z_wrong:.0f}")

# %% The data, noised step by step
SHOW = (0, 10, 30, 100)
fig, axes = plt.subplots(1, len(SHOW), figsize=(10, 2.8), sharey=True)
x = torch.tensor(points, dtype=torch.float32)
for t in range(T + 1):
    if t > 0:
        beta = float(betas[t - 1])
        x = (1 - beta) ** 0.5 * x + beta**0.5 * torch.randn(x.shape)
    if t in SHOW:
        ax = axes[SHOW.index(t)]
        ax.scatter(x[:, 0], x[:, 1], s=2)
        ax.set(title=f"t = {t}", xlim=(-3, 3), ylim=(-3, 3))
fig.suptitle("Forward process: two moons noised step by step")
plt.tight_layout()
plt.show()
