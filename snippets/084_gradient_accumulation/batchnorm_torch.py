# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn

DATA_SEED = 0  # the generated data and the initial weights
N_FEATURES = 8
HIDDEN = 32
BATCH_SIZE = 64  # the large batch
ACCUM_STEPS = 4  # k micro-batches
MICRO_BATCH = 16  # BATCH_SIZE / ACCUM_STEPS
GROUPS = 8  # GroupNorm: 8 groups of 4 hidden units
EPSILON = 1e-5  # the same in every normalization layer of both twins
SEEDS = (0, 1, 2)  # other draws of the data and weights, last cell
for name in ["DATA_SEED", "N_FEATURES", "HIDDEN", "BATCH_SIZE", "ACCUM_STEPS",
             "MICRO_BATCH", "GROUPS", "EPSILON", "SEEDS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data and initial weights, from NumPy
def draw(seed):  # inputs, targets and initial weights
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(BATCH_SIZE, N_FEATURES)).astype("float32")
    y = np.sin(X @ rng.normal(size=(N_FEATURES, 1))).astype("float32")
    W1 = rng.normal(size=(N_FEATURES, HIDDEN)) / np.sqrt(N_FEATURES)
    W2 = rng.normal(size=(HIDDEN, 1)) / np.sqrt(HIDDEN)
    return torch.tensor(X), torch.tensor(y), W1, W2
X, y, W1, W2 = draw(DATA_SEED)

# %% The network, with a normalization layer
NORMS = {"BatchNorm": lambda: nn.BatchNorm1d(HIDDEN, eps=EPSILON),
         "LayerNorm": lambda: nn.LayerNorm(HIDDEN, eps=EPSILON),
         "GroupNorm": lambda: nn.GroupNorm(GROUPS, HIDDEN, eps=EPSILON)}
def build(norm):  # 8 -> 32 -> norm -> tanh -> 1, in training mode
    model = nn.Sequential(nn.Linear(N_FEATURES, HIDDEN), NORMS[norm](),
                          nn.Tanh(), nn.Linear(HIDDEN, 1))
    with torch.no_grad():
        for layer, W in [(model[0], W1), (model[3], W2)]:
            layer.weight.copy_(torch.tensor(W.T, dtype=torch.float32))
            layer.bias.zero_()
    return model
mse = nn.MSELoss()
print("PyTorch default epsilon:", nn.BatchNorm1d(HIDDEN).eps)

# %% BatchNorm's statistics: the large batch against each micro-batch
h = build("BatchNorm")[0](X).detach().numpy()  # what BatchNorm normalizes
means = [h.mean(axis=0)] + [m.mean(axis=0)
                            for m in np.split(h, ACCUM_STEPS)]
stds = [h.std(axis=0)] + [m.std(axis=0) for m in np.split(h, ACCUM_STEPS)]
print("unit 0, mean and std over the batch it sees")
for i, (m, s) in enumerate(zip(means, stds)):
    name = "large batch" if i == 0 else f"micro-batch {i}"
    print(f"{name:>13}: mean {m[0]:+.3f}, std {s[0]:.3f}")
shift = max(np.abs(m - means[0]).max() for m in means[1:])
print(f"all units, largest shift of a micro-batch mean: {shift:.3f}")

# %% Figure
fig, ax = plt.subplots(figsize=(7, 4))
for i, m in enumerate(means[1:], 1):
    ax.plot(m, "o", alpha=0.6, label=f"micro-batch {i}")
ax.plot(means[0], "k_", markersize=14, label="large batch")
ax.set(xlabel="hidden unit", ylabel="mean before normalization")
ax.set_title("PyTorch: BatchNorm's means over 16 examples vs over 64")
ax.legend(fontsize=8, ncol=3, loc="upper center", bbox_to_anchor=(0.5, -0.2))
fig.tight_layout()
plt.show()

# %% Accumulated against large-batch gradients, for each normalization
def gap(norm):  # the largest gradient entry, and the largest difference
    large, accum = build(norm), build(norm)
    mse(large(X), y).backward()
    for xb, yb in zip(X.split(MICRO_BATCH), y.split(MICRO_BATCH)):
        (mse(accum(xb), yb) / ACCUM_STEPS).backward()
    pairs = [(a.grad, b.grad) for a, b in zip(large.parameters(),
                                              accum.parameters())]
    size = max(a.abs().max().item() for a, _ in pairs)
    return size, max((a - b).abs().max().item() for a, b in pairs)
for norm in NORMS:
    print("{}: largest gradient {:.3f}, max abs diff {:.1e}".format(
        norm, *gap(norm)))

# %% Other draws of the data and initial weights
diffs = {norm: [] for norm in NORMS}
for seed in SEEDS:
    X, y, W1, W2 = draw(seed)  # build() and gap() read these
    for norm in NORMS:
        diffs[norm].append(gap(norm)[1])
X, y, W1, W2 = draw(DATA_SEED)
for norm, d in diffs.items():
    print(f"{norm} on each seed, max abs diff:", *(f"{v:.1e}" for v in d))
