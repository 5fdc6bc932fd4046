# %% Settings: one LSTM unit with weights set by hand
import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn

STEPS = 60
WRITES = (5, 35)  # the steps at which the write flag is 1
GAIN = 20.0  # how hard the write flag drives the gates
DATA_SEED = 0
for name in ["STEPS", "WRITES", "GAIN", "DATA_SEED"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Input: a value in [-1, 1] and a write flag at every step
rng = np.random.default_rng(DATA_SEED)
value = rng.uniform(-1, 1, STEPS)
write = np.zeros(STEPS)
write[list(WRITES)] = 1
X = torch.tensor(np.c_[value, write], dtype=torch.float32)  # (STEPS, 2)


# %% The gates, rows i, f, g, o; columns: value, write flag
def latch(forget_bias):
    W = [[0, GAIN], [0, -GAIN], [1, 0], [0, 0]]  # i, f, g, o
    b = [-GAIN / 2, forget_bias, 0, GAIN / 2]
    cell = nn.LSTMCell(2, 1)
    with torch.no_grad():
        cell.weight_ih.copy_(torch.tensor(W))
        cell.weight_hh.zero_()  # no recurrence through h: c alone remembers
        cell.bias_ih.copy_(torch.tensor(b))
        cell.bias_hh.zero_()
    return cell


# %% Step the built-in cell; read its gates from its own weights
def run(forget_bias):
    cell = latch(forget_bias)
    h = c = torch.zeros(1, 1)
    cs, gates = [], []
    with torch.no_grad():
        for t in range(STEPS):
            z = (cell.weight_ih @ X[t] + cell.weight_hh @ h[0]
                 + cell.bias_ih + cell.bias_hh)  # the gates' inputs: i, f, g, o
            gates.append(torch.sigmoid(z[:2]).numpy())  # input and forget
            h, c = cell(X[t:t + 1], (h, c))
            cs.append(c.item())
    return np.array(cs), np.array(gates)


keep, g_keep = run(GAIN / 2)  # forget gate near 1 between writes
leak, g_leak = run(0.0)  # forget gate 0.5 between writes
f_keep, f_leak = g_keep[:, 1], g_leak[:, 1]

# %% What the cell state holds
a, b = WRITES
print(f"forget gate between writes: {f_keep[a + 1]:.6f} (bias {GAIN / 2})"
      f", {f_leak[a + 1]:.6f} (bias 0)")
print(f"forget gate at a write: {f_keep[a]:.1e} (bias 10), "
      f"{f_leak[a]:.1e} (bias 0)")
print(f"input gate between writes: {g_keep[a + 1, 0]:.1e}")
print(f"stored at step {a}: tanh(value) = {np.tanh(value[a]):.4f}")
for name, cs in (("bias 10", keep), ("bias 0", leak)):
    print(f"{name}: c at step {a}: {cs[a]:.4f}, at step {b - 1}: "
          f"{cs[b - 1]:.4g}, at step {b}: {cs[b]:.4f}")
prods = np.prod(f_keep[a + 1:b]), np.prod(f_leak[a + 1:b])
print(f"product of forget gates, steps {a + 1}-{b - 1}: "
      f"{prods[0]:.4f} (bias 10), {prods[1]:.1e} (bias 0)")
kept = keep[a] * prods[0], leak[a] * prods[1]  # what is left of step 5's c
print(f"c at step {a} x product: {kept[0]:.4f} (bias 10), "
      f"{kept[1]:.1e} (bias 0)")
print(f"rest of c at step {b - 1}, from the input gate: "
      f"{keep[b - 1] - kept[0]:.1e} (bias 10), "
      f"{leak[b - 1] - kept[1]:.1e} (bias 0)")

# %% The cell state over time
fig, ax = plt.subplots(figsize=(7, 3))
ax.plot(keep, label="c, forget bias 10")
ax.plot(leak, label="c, forget bias 0")
ax.plot(np.tanh(value), ".", color="gray", label="tanh(value)")
for t in WRITES:
    ax.axvline(t, color="black", lw=0.5)
ax.set_xlabel("step")
ax.legend(fontsize=8)
ax.set_title("PyTorch: an LSTM cell state written at steps 5 and 35")
plt.show()
