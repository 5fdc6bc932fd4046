# %% Settings
import numpy as np
import torch
from torch import nn

DATA_SEED = 0  # the generated data and the initial weights
N_FEATURES = 8
HIDDEN = 32
BATCH_SIZE = 64  # the large batch: one optimizer step
ACCUM_STEPS = 4  # k micro-batches per optimizer step
MICRO_BATCH = 16  # BATCH_SIZE / ACCUM_STEPS
LEARNING_RATE = 0.05
MOMENTUM = 0.9
STEPS = 5  # optimizer steps compared
UNEVEN_BATCH = 56  # micro-batches of 16, 16, 16 and 8
SEEDS = (0, 1, 2)  # other draws of the data and weights, last cell
for name in ["DATA_SEED", "N_FEATURES", "HIDDEN", "BATCH_SIZE", "ACCUM_STEPS",
             "MICRO_BATCH", "LEARNING_RATE", "MOMENTUM", "STEPS",
             "UNEVEN_BATCH", "SEEDS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data and one set of initial weights, both from NumPy
def draw(seed):  # inputs, targets and initial weights
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(BATCH_SIZE * STEPS, N_FEATURES)).astype("float32")
    y = np.sin(X @ rng.normal(size=(N_FEATURES, 1))).astype("float32")
    W1 = rng.normal(size=(N_FEATURES, HIDDEN)) / np.sqrt(N_FEATURES)
    W2 = rng.normal(size=(HIDDEN, 1)) / np.sqrt(HIDDEN)
    return torch.tensor(X), torch.tensor(y), W1, W2
X, y, W1, W2 = draw(DATA_SEED)
def build():  # 8 -> 32 tanh -> 1, weights copied in (Linear stores W.T)
    model = nn.Sequential(nn.Linear(N_FEATURES, HIDDEN), nn.Tanh(),
                          nn.Linear(HIDDEN, 1))
    with torch.no_grad():
        for layer, W in [(model[0], W1), (model[2], W2)]:
            layer.weight.copy_(torch.tensor(W.T, dtype=torch.float32))
            layer.bias.zero_()
    return model
mse = nn.MSELoss()  # mean over the examples
def max_diff(a, b):  # the largest |a - b| over all tensors of two lists
    return max((u - v).abs().max().item() for u, v in zip(a, b))

# %% One large batch against k micro-batches
def grads(model):
    return [p.grad.clone() for p in model.parameters()]
large = build()
mse(large(X[:BATCH_SIZE]), y[:BATCH_SIZE]).backward()  # one mean
accum = build()
for xb, yb in zip(X[:BATCH_SIZE].split(MICRO_BATCH),
                  y[:BATCH_SIZE].split(MICRO_BATCH)):
    (mse(accum(xb), yb) / ACCUM_STEPS).backward()  # .grad += this one
g_large, g_accum = grads(large), grads(accum)
print(f"largest gradient entry: {max_diff(g_large, [0] * 4):.3f}")  # |g - 0|
print(f"gradients, max abs diff: {max_diff(g_large, g_accum):.1e}")

# %% Training: one optimizer update every k micro-batches
def train(micro_batch):
    model = build()
    sgd = torch.optim.SGD(model.parameters(), LEARNING_RATE, MOMENTUM)
    per_step = BATCH_SIZE // micro_batch  # 1 for the large batch
    for i, (xb, yb) in enumerate(zip(X.split(micro_batch),
                                     y.split(micro_batch))):
        (mse(model(xb), yb) / per_step).backward()
        if (i + 1) % per_step == 0:
            sgd.step()
            sgd.zero_grad()
    return [p.detach() for p in model.parameters()]
moved = max_diff(train(BATCH_SIZE), build().parameters())
diff = max_diff(train(BATCH_SIZE), train(MICRO_BATCH))
print(f"weights moved by up to: {moved:.3f}")
print(f"weights after {STEPS} steps, max abs diff: {diff:.1e}")

# %% An uneven last micro-batch: divide by k, or weight by the count
def accumulated(weigh):  # the sum of the weighted micro-batch gradients
    model = build()
    for xb, yb in zip(X[:UNEVEN_BATCH].split(MICRO_BATCH),
                      y[:UNEVEN_BATCH].split(MICRO_BATCH)):
        (mse(model(xb), yb) * weigh(len(xb))).backward()
    return grads(model)
whole = build()
mse(whole(X[:UNEVEN_BATCH]), y[:UNEVEN_BATCH]).backward()
sizes = [len(b) for b in X[:UNEVEN_BATCH].split(MICRO_BATCH)]
print("micro-batch sizes:", *sizes)
for label, weigh in [("divided by k", lambda n: 1 / len(sizes)),
                     ("weighted n/N", lambda n: n / UNEVEN_BATCH)]:
    diff = max_diff(grads(whole), accumulated(weigh))
    print(f"{label}, gradients, max abs diff: {diff:.1e}")

# %% Other draws of the data and initial weights
for seed in SEEDS:
    X, y, W1, W2 = draw(seed)  # build() and train() read these
    large = train(BATCH_SIZE)
    moved = max_diff(large, build().parameters())
    diff = max_diff(large, train(MICRO_BATCH))
    print(f"seed {seed}: weights moved by up to {moved:.3f}, "
          f"after {STEPS} steps max abs diff {diff:.1e}")
X, y, W1, W2 = draw(DATA_SEED)
