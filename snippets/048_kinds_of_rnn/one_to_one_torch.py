# %% Settings
import numpy as np
import torch
from torch import nn

DATA_SEED = 0  # the generated data, the same for every run
SEEDS = (0, 1, 2)  # initialisation and shuffling, one run per seed
N_TRAIN = 1000  # training examples
N_TEST = 500  # test examples, never trained on
HIDDEN = 32  # nn.RNN units
LEARNING_RATE = 0.01  # Adam
BATCH_SIZE = 64
EPOCHS = 16
for name in ["DATA_SEED", "SEEDS", "N_TRAIN", "N_TEST", "HIDDEN",
             "LEARNING_RATE", "BATCH_SIZE", "EPOCHS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: is a point in a same-sign quadrant? (x1 x2 > 0)
rng = np.random.default_rng(DATA_SEED)
P = rng.uniform(-1, 1, (N_TRAIN + N_TEST, 2)).astype("float32")
X = torch.tensor(P[:, None, :])  # a sequence of one step with 2 features
Y = torch.tensor(P[:, 0] * P[:, 1] > 0).long()

# %% The model: (batch, 1, 2) -> (batch, 2); the loop runs once
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.RNN(2, HIDDEN, batch_first=True)
        self.out = nn.Linear(HIDDEN, 2)
    def forward(self, x):
        return self.out(self.rnn(x)[1][0])  # the last (only) hidden state

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

# %% Three seeds, against the majority class
acc = []
for seed in SEEDS:
    model = train(seed)
    out = model(X[N_TRAIN:]).detach()
    acc.append((out.argmax(1) == Y[N_TRAIN:]).float().mean().item())
    print(f"seed {seed}: test accuracy {acc[-1]:.3f}")
print(f"shapes: input {tuple(X[N_TRAIN:].shape)} -> output {tuple(out.shape)}")
majority = (Y[N_TRAIN:] == Y[:N_TRAIN].bincount().argmax()).float().mean()
print(f"test accuracy: mean {np.mean(acc):.3f}, sd {np.std(acc, ddof=1):.3f}"
      f", majority class {majority:.3f}")

# %% A linear model on the same input, fitted by least squares
def linear(F, T):  # fit F -> T by least squares on the training rows
    F = np.c_[F, np.ones(len(F))]  # plus a constant feature
    coef = np.linalg.lstsq(F[:N_TRAIN], T[:N_TRAIN], rcond=None)[0]
    return F[N_TRAIN:] @ coef  # its outputs on the test rows
y = np.asarray(Y)
onehot = np.eye(2)[y]  # a score per class; the answer is the larger one
plain = linear(P, onehot).argmax(1) == y[N_TRAIN:]
product = linear(np.c_[P, P[:, 0] * P[:, 1]], onehot).argmax(1) == y[N_TRAIN:]
print(f"linear model on (x1, x2) {plain.mean():.3f}, "
      f"with x1 x2 added {product.mean():.3f}")

# %% With one step, the recurrent weights W_hh do nothing
with torch.no_grad():
    model.rnn.weight_hh_l0.zero_()  # h_0 = 0 is all W_hh ever multiplies
    after = model(X[N_TRAIN:])
print(f"max |output change| with W_hh set to 0: "
      f"{(after - out).abs().max().item()}")
