# %% Settings
from itertools import permutations

import numpy as np
import torch
from torch import nn

INPUT = 3  # x, features per step
UNITS = 4  # h, hidden units
STEPS = 6
BATCH = 2
SEED = 0
TOLERANCE = 1e-6  # max abs difference allowed, float32
for name in ["INPUT", "UNITS", "STEPS", "BATCH", "SEED", "TOLERANCE"]:
    print(f"{name.lower()}: {globals()[name]}")
# %% The built-in layer: its weights and their shapes
torch.manual_seed(SEED)
gru = nn.GRU(INPUT, UNITS, batch_first=True)
for name, w in gru.named_parameters():
    print(f"{name}: {tuple(w.shape)}")
h, x = UNITS, INPUT
print(f"parameters, PyTorch: {sum(w.numel() for w in gru.parameters())}")
print(f"parameters, 3*(h*(h+x)+2h): {3 * (h * (h + x) + 2 * h)}")
# %% The same gate weights in both twins, packed in the layer's layout
rng = np.random.default_rng(SEED)
GATES = ("z", "r", "n")  # update, reset, candidate (Keras calls n "h")
W = {g: rng.normal(0, 0.5, (INPUT, UNITS)) for g in GATES}  # x @ W
U = {g: rng.normal(0, 0.5, (UNITS, UNITS)) for g in GATES}  # h @ U
b_x = {g: rng.normal(0, 0.5, UNITS) for g in GATES}
b_h = {g: rng.normal(0, 0.5, UNITS) for g in GATES}
X = rng.normal(size=(BATCH, STEPS, INPUT))
ORDER = ("r", "z", "n")  # twins differ: PyTorch's order
packed = {"weight_ih_l0": np.concatenate([W[g].T for g in ORDER]),
          "weight_hh_l0": np.concatenate([U[g].T for g in ORDER]),
          "bias_ih_l0": np.concatenate([b_x[g] for g in ORDER]),
          "bias_hh_l0": np.concatenate([b_h[g] for g in ORDER])}
gru.load_state_dict({k: torch.tensor(v, dtype=torch.float32)
                     for k, v in packed.items()})
Wx, Wh = gru.weight_ih_l0.T, gru.weight_hh_l0.T
bx, bh = gru.bias_ih_l0, gru.bias_hh_l0
# %% A GRU cell by hand, on the layer's own tensors
def gru_step(x, h, order=ORDER, reset_after=True):
    a = dict(zip(order, torch.chunk(x @ Wx + bx, 3, dim=1)))  # from x
    u = dict(zip(order, torch.chunk(h @ Wh + bh, 3, dim=1)))  # from h
    z = torch.sigmoid(a["z"] + u["z"])  # update gate
    r = torch.sigmoid(a["r"] + u["r"])  # reset gate
    if reset_after:  # r scales U h + b: PyTorch, Keras's default
        n = torch.tanh(a["n"] + r * u["n"])
    else:  # r scales h before U: Keras's reset_after=False
        k = order.index("n")  # the candidate's block of U and of b_h
        Un, bn = torch.chunk(Wh, 3, dim=1)[k], torch.chunk(bh, 3)[k]
        n = torch.tanh(a["n"] + bn + (r * h) @ Un)
    return z * h + (1 - z) * n  # z = 1 keeps the old state

def unroll(X, order=ORDER, reset_after=True):
    h, hs = torch.zeros(X.shape[0], UNITS), []
    for t in range(X.shape[1]):
        h = gru_step(X[:, t], h, order, reset_after)
        hs.append(h)
    return torch.stack(hs, dim=1)
# %% The hand cell against the built-in, and the gate order
x_in = torch.tensor(X, dtype=torch.float32)
with torch.no_grad():
    out, _ = gru(x_in)
    hand = unroll(x_in)
    print("h after the last step, sample 0:",
          np.round(out[0, -1].numpy(), 6))
    gap = (hand - out).abs().max()
    print(f"max |hand - built-in|: {gap:.1e}, within tolerance: "
          f"{bool(gap < TOLERANCE)}")
    matches = ["".join(o) for o in permutations(ORDER)
               if (unroll(x_in, o) - out).abs().max() < TOLERANCE]
print(f"gate orders tried: 6, matching: {len(matches)} ({matches[0]})")
# %% Reset before the product (Keras's reset_after=False): one bias, 3h
print(f"parameters, 3*(h*(h+x)+h): {3 * (h * (h + x) + h)}")
with torch.no_grad():
    before = unroll(x_in, reset_after=False)  # nn.GRU has no such option
    print("reset before, last h, sample 0:",
          np.round(before[0, -1].numpy(), 6))
    print(f"max |reset before - reset after|: "
          f"{(before - out).abs().max():.3f}")
# %% Which recurrent biases matter? Move blocks into the input bias
def moved(gates):  # the largest change of the output when these are moved
    b = {k: packed[k].copy() for k in ("bias_ih_l0", "bias_hh_l0")}
    for g in gates:
        k = slice(ORDER.index(g) * h, (ORDER.index(g) + 1) * h)
        b["bias_ih_l0"][k] += b["bias_hh_l0"][k]
        b["bias_hh_l0"][k] = 0
    gru.load_state_dict({k: torch.tensor(v, dtype=torch.float32)
                         for k, v in (packed | b).items()})
    with torch.no_grad():
        return (gru(x_in)[0] - out).abs().max()

print(f"b_hz, b_hr moved into b_xz, b_xr, max change: {moved('zr'):.1e}")
print(f"b_hn moved too, max change: {moved('zrn'):.3f}")
print(f"parameters needed, 3*h*(h+x)+4h: {3 * h * (h + x) + 4 * h}")
