# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn

DATA_SEED = 0  # the ring data
SEEDS = (0, 1, 2)  # the untrained generator and the discriminator
MODES = 8
RADIUS = 2.0
STD = 0.05
LATENT = 2
HIDDEN = 64
BATCH_SIZE = 256
D_STEPS = 200  # the discriminator trains alone against a fixed generator
LEARNING_RATE = 0.001
LOGITS = (-8.0, -4.0, -2.0, 0.0, 2.0)  # D's logit a on a fake sample
for name in ["DATA_SEED", "SEEDS", "MODES", "RADIUS", "STD", "LATENT",
             "HIDDEN", "BATCH_SIZE", "D_STEPS", "LEARNING_RATE", "LOGITS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% The two generator losses as functions of D's logit a
def saturating(a):  # log(1 - sigmoid(a)), which G minimises
    return -nn.functional.softplus(a)
def non_saturating(a):  # -log sigmoid(a), which G minimises instead
    return nn.functional.softplus(-a)
a = torch.tensor(LOGITS, requires_grad=True)
grad_sat, = torch.autograd.grad(saturating(a).sum(), a)
grad_ns, = torch.autograd.grad(non_saturating(a).sum(), a)
print("logit a   D(G(z))   d saturating/da   d non-saturating/da")
for row in zip(LOGITS, torch.sigmoid(a), grad_sat, grad_ns):
    print(f"{row[0]:7.1f}   {row[1]:.5f}   {row[2]:15.5f}   {row[3]:19.5f}")

# %% A confident discriminator against an untrained generator
rng = np.random.default_rng(DATA_SEED)
angles = 2 * np.pi * rng.integers(MODES, size=BATCH_SIZE) / MODES
real = RADIUS * np.stack([np.cos(angles), np.sin(angles)], 1)
real = torch.tensor(real + STD * rng.normal(size=real.shape),
                    dtype=torch.float32)
def mlp(n_in, n_out):
    return nn.Sequential(nn.Linear(n_in, HIDDEN), nn.ReLU(),
                         nn.Linear(HIDDEN, HIDDEN), nn.ReLU(),
                         nn.Linear(HIDDEN, n_out))
bce = nn.BCEWithLogitsLoss()
def d_step(D, opt_d, fake):  # one discriminator update
    d_loss = (bce(D(real), torch.ones(BATCH_SIZE, 1))
              + bce(D(fake.detach()), torch.zeros(BATCH_SIZE, 1)))
    opt_d.zero_grad()
    d_loss.backward()
    opt_d.step()
def grad_norm(loss, G):  # the norm of the loss's gradient over G's weights
    grads = torch.autograd.grad(loss, list(G.parameters()), retain_graph=True)
    return torch.sqrt(sum((g ** 2).sum() for g in grads)).item()

# %% The generator's gradient under each loss, per seed
for seed in SEEDS:
    torch.manual_seed(seed)
    G, D = mlp(LATENT, 2), mlp(2, 1)
    opt_d = torch.optim.Adam(D.parameters(), LEARNING_RATE)
    fake = G(torch.randn(BATCH_SIZE, LATENT))
    for _ in range(D_STEPS):
        d_step(D, opt_d, fake)
    logits = D(fake)
    sat = grad_norm(saturating(logits).mean(), G)
    ns = grad_norm(non_saturating(logits).mean(), G)
    print(f"seed {seed}: mean D(G(z)) {torch.sigmoid(logits).mean():.4f}, "
          f"grad norm: saturating {sat:.1e}, non-saturating {ns:.2f}")

# %% The gradients' size against D(G(z)), by autograd on a grid of logits
grid = torch.linspace(-8.0, 8.0, 200, requires_grad=True)
g_sat, = torch.autograd.grad(saturating(grid).sum(), grid)
g_ns, = torch.autograd.grad(non_saturating(grid).sum(), grid)
fig, ax = plt.subplots(figsize=(5, 3))
p = torch.sigmoid(grid).detach().numpy()
ax.plot(p, g_sat.abs().numpy(), label="saturating")
ax.plot(p, g_ns.abs().numpy(), label="non-saturating")
ax.set(xlabel="D(G(z))", ylabel="|gradient| on the logit")
ax.set_title("PyTorch: the generator's gradient as D(G(z)) varies")
ax.legend()
plt.show()
