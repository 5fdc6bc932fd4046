# %% Settings
import numpy as np
import torch
from torch import nn

SEED = 0
N_IN = 3  # features per time step
HIDDEN = 4  # units in the hidden state
LENGTHS = (5, 50, 500)  # sequence lengths to count parameters at
STEPS = 6  # sequence length for the gradient
BATCH = 2
for name in ["SEED", "N_IN", "HIDDEN", "LENGTHS", "STEPS", "BATCH"]:
    print(f"{name.lower()}: {globals()[name]}")

# %% Parameters against sequence length
torch.manual_seed(SEED)
rnn = nn.RNN(N_IN, HIDDEN, batch_first=True)  # one layer
count = lambda m: sum(p.numel() for p in m.parameters())
print(f"{'steps':>6} {'RNN':>6} {'RNN out':>12} {'one cell/step':>14}"
      f" {'dense on all':>13}")
for steps in LENGTHS:
    out = rnn(torch.zeros(1, steps, N_IN))[1][0]  # the same layer
    dense = nn.Linear(steps * N_IN, HIDDEN)  # all steps flattened into one
    print(f"{steps:>6} {count(rnn):>6} {str(tuple(out.shape)):>12}"
          f" {steps * count(rnn):>14} {count(dense):>13}")

# %% One weight, used at every step: its gradient is a sum over steps
rng = np.random.default_rng(SEED)
X = torch.tensor(rng.normal(size=(BATCH, STEPS, N_IN)), dtype=torch.float32)
W_xh = rng.normal(size=(N_IN, HIDDEN)).astype(np.float32) * 0.5
W_hh = rng.normal(size=(HIDDEN, HIDDEN)).astype(np.float32) * 0.5
b = np.full(HIDDEN, 0.1, np.float32)
with torch.no_grad():
    for name, value in [("weight_ih_l0", W_xh.T), ("weight_hh_l0", W_hh.T),
                        ("bias_ih_l0", b), ("bias_hh_l0", 0 * b)]:
        getattr(rnn, name).copy_(torch.tensor(value))
loss = (rnn(X)[1] ** 2).sum()  # a loss on the last state
loss.backward()
shared = rnn.weight_hh_l0.grad.T.numpy()  # back to (in, out)
print(f"loss: {loss.item():.5f}")

# %% The same loop with a separate copy of W_hh at every step
copies = [torch.tensor(W_hh, requires_grad=True) for _ in range(STEPS)]
h = torch.zeros(BATCH, HIDDEN)  # equal values, untied
for t in range(STEPS):
    h = torch.tanh(X[:, t] @ torch.tensor(W_xh) + h @ copies[t]
                   + torch.tensor(b))
loss = (h**2).sum()
loss.backward()
parts = [c.grad.numpy() for c in copies]
print(f"loss, untied copies: {loss.item():.5f}")
for t, g in enumerate(parts):
    print(f"step {t + 1}: |gradient of its copy| = {np.linalg.norm(g):.5f}")
print(f"|shared gradient| = {np.linalg.norm(shared):.5f}")
print(f"max |shared - sum of the copies'|: "
      f"{np.abs(shared - sum(parts)).max():.1e}")
