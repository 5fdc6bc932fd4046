# %% Settings
import numpy as np
import torch
from torch import nn

DATA_SEED = 0  # the generated data, the same for every run
SEEDS = (0, 1, 2)  # initialisation and shuffling, one run per seed
N_TRAIN = 1000  # training examples
N_TEST = 500  # test examples, never trained on
STEPS = 10  # input sequence length
HIDDEN = 32  # nn.RNN units
LEARNING_RATE = 0.01  # Adam
BATCH_SIZE = 64
EPOCHS = 16
for name in ["DATA_SEED", "SEEDS", "N_TRAIN", "N_TEST", "STEPS", "HIDDEN",
             "LEARNING_RATE", "BATCH_SIZE", "EPOCHS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: is the last value larger than the first?
rng = np.random.default_rng(DATA_SEED)
X = torch.tensor(rng.normal(size=(N_TRAIN + N_TEST, STEPS, 1))).float()
Y = (X[:, -1, 0] > X[:, 0, 0]).long()

# %% The model: (batch, STEPS, 1) -> (batch, 2), read after the last step
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.RNN(1, HIDDEN, batch_first=True)
        self.out = nn.Linear(HIDDEN, 2)
    def forward(self, x):
        return self.out(self.rnn(x)[1][0])  # the last hidden state

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
            ce(model(X[batch]), Y[batch]).backward()
            adam.step()
    return model

# %% Three seeds, against two baselines
acc = []
for seed in SEEDS:
    model = train(seed)
    out = model(X[N_TRAIN:]).detach()
    acc.append((out.argmax(1) == Y[N_TRAIN:]).float().mean().item())
    print(f"seed {seed}: test accuracy {acc[-1]:.3f}")
print(f"shapes: input {tuple(X[N_TRAIN:].shape)} -> output {tuple(out.shape)}")
print(f"test accuracy: mean {np.mean(acc):.3f}, sd {np.std(acc, ddof=1):.3f}")
majority = (Y[N_TRAIN:] == Y[:N_TRAIN].bincount().argmax()).float().mean()
last_only = ((X[N_TRAIN:, -1, 0] > 0) == Y[N_TRAIN:]).float().mean()
print(f"majority class {majority:.3f}, last value > 0 {last_only:.3f}")

# %% A linear model on the whole window, fitted by least squares
def linear(F, T):  # fit F -> T by least squares on the training rows
    F = np.c_[F, np.ones(len(F))]  # plus a constant feature
    coef = np.linalg.lstsq(F[:N_TRAIN], T[:N_TRAIN], rcond=None)[0]
    return F[N_TRAIN:] @ coef  # its outputs on the test rows
y = np.asarray(Y)
window = np.asarray(X)[..., 0]  # all STEPS values side by side
right = linear(window, np.eye(2)[y]).argmax(1) == y[N_TRAIN:]
print(f"linear model on all {STEPS} values {right.mean():.3f}")
