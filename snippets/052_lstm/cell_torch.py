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
for name in ["INPUT", "UNITS", "STEPS", "BATCH", "SEED",
             "TOLERANCE"]:
    print(f"{name.lower()}: {globals()[name]}")

# %% The built-in layer: its weights and their shapes
torch.manual_seed(SEED)
lstm = nn.LSTM(INPUT, UNITS, batch_first=True)
for name, w in lstm.named_parameters():
    print(f"{name}: {tuple(w.shape)}")
count = sum(w.numel() for w in lstm.parameters())
h, x = UNITS, INPUT
print(f"parameters, PyTorch: {count}")
print(f"parameters, 4*(h*(h+x)+2h): {4 * (h * (h + x) + 2 * h)}")
assert count == 4 * (h * (h + x) + 2 * h)
f_bias = (lstm.bias_ih_l0 + lstm.bias_hh_l0).detach()[UNITS:2 * UNITS]
print(f"initial forget-gate bias: min {f_bias.min():.3f}, "
      f"max {f_bias.max():.3f}")

# %% The same gate weights in both twins, packed in the layer's layout
rng = np.random.default_rng(SEED)
GATES = ("i", "f", "g", "o")  # PyTorch's names; Keras calls g "c"
W = {g: rng.normal(0, 0.5, (INPUT, UNITS)) for g in GATES}  # x @ W
U = {g: rng.normal(0, 0.5, (UNITS, UNITS)) for g in GATES}  # h @ U
b_x = {g: rng.normal(0, 0.5, UNITS) for g in GATES}
b_h = {g: rng.normal(0, 0.5, UNITS) for g in GATES}
X = rng.normal(size=(BATCH, STEPS, INPUT))
packed = {  # blocks stacked along the rows, each transposed: acts as W x
    "weight_ih_l0": np.concatenate([W[g].T for g in GATES], axis=0),
    "weight_hh_l0": np.concatenate([U[g].T for g in GATES], axis=0),
    "bias_ih_l0": np.concatenate([b_x[g] for g in GATES]),
    "bias_hh_l0": np.concatenate([b_h[g] for g in GATES])}
lstm.load_state_dict({k: torch.tensor(v, dtype=torch.float32)
                      for k, v in packed.items()})


# %% An LSTM cell by hand, on the layer's own tensors
def lstm_step(x, h, c, order=GATES):
    z = (x @ lstm.weight_ih_l0.T + lstm.bias_ih_l0
         + h @ lstm.weight_hh_l0.T + lstm.bias_hh_l0)
    gate = dict(zip(order, torch.chunk(z, 4, dim=1)))
    i, f, o = (torch.sigmoid(gate[k]) for k in ("i", "f", "o"))
    g = torch.tanh(gate["g"])  # the candidate values
    c = f * c + i * g  # the cell state: keep part, add part
    return o * torch.tanh(c), c


def unroll(X, order=GATES):
    h = c = torch.zeros(X.shape[0], UNITS)
    hs = []
    for t in range(X.shape[1]):  # the loop the layer runs inside
        h, c = lstm_step(X[:, t], h, c, order)
        hs.append(h)
    return torch.stack(hs, dim=1), c


# %% The hand cell against the built-in, same weights, same input
x_in = torch.tensor(X, dtype=torch.float32)
with torch.no_grad():
    out, (h_n, c_n) = lstm(x_in)
    hand, c_hand = unroll(x_in)
print(f"output shape: {tuple(out.shape)}")
print(f"final state shapes: h {tuple(h_n.shape)}, c {tuple(c_n.shape)}")
print(f"final h equals the last output: {torch.equal(h_n[0], out[:, -1])}")
print("h after the last step, sample 0:",
      np.round(out[0, -1].numpy(), 6))
print("c after the last step, sample 0:", np.round(c_n[0, 0].numpy(), 6))
print(f"max |hand - built-in|, h: {(hand - out).abs().max():.1e}")
print(f"max |hand - built-in|, c: {(c_hand - c_n[0]).abs().max():.1e}")
gap = max((hand - out).abs().max(), (c_hand - c_n[0]).abs().max())
print(f"within tolerance: {bool(gap < TOLERANCE)}")

# %% Which gate order reproduces the built-in? All 24 tried
matches = []
with torch.no_grad():
    for order in permutations(GATES):
        if (unroll(x_in, order)[0] - out).abs().max() < TOLERANCE:
            matches.append("".join(order))
print(f"gate orders tried: 24, matching: {len(matches)} ({matches[0]})")
