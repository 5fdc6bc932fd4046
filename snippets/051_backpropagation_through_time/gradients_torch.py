# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import torch

DATA_SEED = 0  # the weights and the input sequences
HIDDEN = 32
SEQ_LEN = 60
BATCH_SIZE = 16
INPUT_SCALE = 0.5  # standard deviation of the input weights
SCALES = (0.5, 1.0, 3.0)  # recurrent weights: SCALE * N(0, 1) / sqrt(HIDDEN)
for name in ["DATA_SEED", "HIDDEN", "SEQ_LEN", "BATCH_SIZE", "INPUT_SCALE",
             "SCALES"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Weights and inputs, drawn once in NumPy
rng = np.random.default_rng(DATA_SEED)
G = rng.standard_normal((HIDDEN, HIDDEN)) / np.sqrt(HIDDEN)
W_in = INPUT_SCALE * rng.standard_normal((HIDDEN, 1))  # h_t = tanh(W_in x_t
readout = rng.standard_normal(HIDDEN) / np.sqrt(HIDDEN)  #   + W h_{t-1})
X = rng.standard_normal((BATCH_SIZE, SEQ_LEN, 1))  # float64 throughout
radii = {}  # the spectral radius of W = scale * G
for scale in SCALES:
    W = scale * G
    radii[scale] = radius = np.abs(np.linalg.eigvals(W)).max()
    print(f"scale {scale}: spectral radius {radius:.3f}, "
          f"largest singular value {np.linalg.norm(W, 2):.3f}")

# %% Backpropagation through time with the built-in RNN
def gradient_norms(scale):  # the norm of dL/dx_t for every input step t
    rnn = torch.nn.RNN(1, HIDDEN, batch_first=True, dtype=torch.float64)
    with torch.no_grad():  # copy the NumPy weights, no biases
        rnn.weight_ih_l0.copy_(torch.tensor(W_in))  # (HIDDEN, 1): W x
        rnn.weight_hh_l0.copy_(torch.tensor(scale * G))
        rnn.bias_ih_l0.zero_()
        rnn.bias_hh_l0.zero_()
    x = torch.tensor(X, requires_grad=True)
    h, _ = rnn(x)  # every hidden state, (batch, time, hidden)
    loss = (h[:, -1] @ torch.tensor(readout)).sum()
    loss.backward()  # L depends on the last step only
    slope = (1 - h.detach() ** 2).mean().item()  # mean tanh'
    saturated = (h.detach().abs() > 0.9).double().mean().item()
    return x.grad.norm(dim=(0, 2)).numpy()[::-1], slope, saturated

# %% Gradient norm against distance in time
DISTANCES = range(0, SEQ_LEN, 10)
print("distance:   " + " ".join(f"{d:>8d}" for d in DISTANCES))
norms, slopes, saturated = {}, {}, {}
for scale in SCALES:
    norms[scale], slopes[scale], saturated[scale] = gradient_norms(scale)
    print(f"scale {scale}:  " + " ".join(f"{norms[scale][d]:8.1e}"
                                        for d in DISTANCES))
for scale in SCALES:
    g = norms[scale]  # the geometric mean factor per step of distance
    rate = (g[SEQ_LEN - 1] / g[1]) ** (1 / (SEQ_LEN - 2))
    print(f"scale {scale}: factor per step {rate:.3f}, "
          f"mean tanh' {slopes[scale]:.3f}, "
          f"radius x mean tanh' {radii[scale] * slopes[scale]:.3f}")
    print(f"  share of hidden values with |h| > 0.9: {saturated[scale]:.2f}")

# %% Figure
fig, ax = plt.subplots()
for scale in SCALES:
    ax.semilogy(norms[scale], label=f"scale {scale}")
ax.set(xlabel="distance in time (T - t)", ylabel="norm of dL/dx_t")
ax.set_title("PyTorch: gradient reaching input step t, tanh RNN")
ax.legend()
plt.show()
