# %% Settings
import numpy as np
import torch
from torch import nn

DATA_SEED = 0  # the generated data, the same for every run
SEEDS = (0, 1, 2)  # initialisation and shuffling, one run per seed
N_TRAIN = 1000  # training examples
N_TEST = 500  # test examples, never trained on
STEPS = 10  # input and output sequence length
HIDDEN = 32  # nn.RNN units
LEARNING_RATE = 0.01  # Adam
BATCH_SIZE = 64
EPOCHS = 8
for name in ["DATA_SEED", "SEEDS", "N_TRAIN", "N_TEST", "STEPS", "HIDDEN",
             "LEARNING_RATE", "BATCH_SIZE", "EPOCHS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: at each step, were at least 2 of the last 3 bits 1?
rng = np.random.default_rng(DATA_SEED)
bits = torch.tensor(rng.integers(0, 2, (N_TRAIN + N_TEST, STEPS)))
padded = nn.functional.pad(bits, (2, 0))  # zeros before the start
Y = (padded[:, 2:] + padded[:, 1:-1] + padded[:, :-2] >= 2).long()
X = bits[..., None].float()  # (examples, STEPS, 1)

# %% The model: (batch, STEPS, 1) -> (batch, STEPS, 2), one output per step
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.RNN(1, HIDDEN, batch_first=True)
        self.out = nn.Linear(HIDDEN, 2)
    def forward(self, x):
        return self.out(self.rnn(x)[0])  # every step's hidden state

# %% Training: fresh initial weights for each seed
torch.set_num_threads(1)  # faster for layers this small
ce = nn.CrossEntropyLoss()
def train(seed):
    torch.manual_seed(seed)
    model = Net()
    adam = torch.optim.Adam(model.parameters(), LEARNING_RATE)
    for epoch in range(EPOCHS):
        for batch in torch.randperm(N_TRAIN).split(BATCH_SIZE):
            adam.zero_grad()
            ce(model(X[batch]).transpose(1, 2), Y[batch]).backward()
            adam.step()
    return model

# %% Three seeds, against two baselines
acc = []
for seed in SEEDS:
    model = train(seed)
    out = model(X[N_TRAIN:]).detach()
    acc.append((out.argmax(-1) == Y[N_TRAIN:]).float().mean().item())
    print(f"seed {seed}: test accuracy per step {acc[-1]:.3f}")
print(f"shapes: input {tuple(X[N_TRAIN:].shape)} -> output {tuple(out.shape)}")
print(f"test accuracy: mean {np.mean(acc):.3f}, sd {np.std(acc, ddof=1):.3f}")
majority = (Y[N_TRAIN:] == Y[:N_TRAIN].ravel().bincount().argmax())
current = (bits[N_TRAIN:] == Y[N_TRAIN:]).float().mean()
print(f"majority class {majority.float().mean():.3f}, "
      f"current bit alone {current:.3f}")

# %% A linear model on the whole window, fitted by least squares
def linear(F, T):  # fit F -> T by least squares on the training rows
    F = np.c_[F, np.ones(len(F))]  # plus a constant feature
    coef = np.linalg.lstsq(F[:N_TRAIN], T[:N_TRAIN], rcond=None)[0]
    return F[N_TRAIN:] @ coef  # its outputs on the test rows
y = np.asarray(Y)
scores = linear(np.asarray(bits), np.eye(2)[y].reshape(len(y), -1))
right = scores.reshape(-1, STEPS, 2).argmax(-1) == y[N_TRAIN:]
print(f"linear model on all {STEPS} bits, per output step "
      f"{right.mean():.3f}")
