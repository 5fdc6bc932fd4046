# %% Settings: one LSTM unit with weights set by hand
import matplotlib.pyplot as plt
import numpy as np
import keras

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
X = np.c_[value, write].astype("float32")  # (STEPS, 2)


# %% The gates, rows i, f, g, o; columns: value, write flag
def latch(forget_bias):
    W = [[0, GAIN], [0, -GAIN], [1, 0], [0, 0]]  # i, f, g, o
    b = [-GAIN / 2, forget_bias, 0, GAIN / 2]
    cell = keras.layers.LSTMCell(1)
    cell.build((None, 2))
    cell.set_weights([np.array(W, "float32").T,  # kernel (2, 4): x @ W
                      np.zeros((1, 4), "float32"),  # no recurrence through h
                      np.array(b, "float32")])  # c alone remembers
    return cell


# %% Step the built-in cell; read its gates from its own weights
def run(forget_bias):
    cell = latch(forget_bias)
    K, R, bias = (np.asarray(w) for w in cell.weights)  # i, f, c, o
    h = c = np.zeros((1, 1), "float32")
    cs, gates = [], []
    for t in range(STEPS):
        z = X[t] @ K + np.asarray(h)[0] @ R + bias  # the gates' inputs
        gates.append(1 / (1 + np.exp(-z[:2])))  # input and forget gates
        h, (h, c) = cell(X[t:t + 1], [h, c])
        cs.append(float(c[0, 0]))
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
ax.set_title("Keras: an LSTM cell state written at steps 5 and 35")
plt.show()
