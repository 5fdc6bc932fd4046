# %% Settings
import numpy as np
import torch
from torch import nn

DATA_SEED = 0  # the generated sequences
SEEDS = (0, 1, 2)  # initialisation and shuffling, one run per seed
TIME_STEPS = 30
FILLERS = 4  # symbols 0-3 are noise
WHERE = "end"  # the class symbol sits near the start or the end
WINDOW = 3  # within the first or the last WINDOW steps
N_TRAIN, N_TEST = 1000, 1000
UNITS = 16  # per direction in the BiLSTM
LSTM_UNITS = 24  # the one-directional LSTM: about the same parameters
EPOCHS = 3
BATCH_SIZE = 100
LEARNING_RATE = 0.02
for name in ["DATA_SEED", "SEEDS", "TIME_STEPS", "FILLERS", "WHERE",
             "WINDOW", "N_TRAIN", "N_TEST", "UNITS", "LSTM_UNITS", "EPOCHS",
             "BATCH_SIZE", "LEARNING_RATE"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: one class symbol, X or Y, near the start or near the end
def make(n, where, rng):
    seq = rng.integers(0, FILLERS, (n, TIME_STEPS))
    label = rng.integers(0, 2, n)
    step = rng.integers(0, WINDOW, n)
    if where == "end":
        step = TIME_STEPS - 1 - step
    seq[np.arange(n), step] = FILLERS + label  # X = 4, Y = 5
    one_hot = np.eye(FILLERS + 2, dtype="float32")
    return torch.tensor(one_hot[seq]), torch.tensor(label)
rng = np.random.default_rng(DATA_SEED)
(X_train, y_train), (X_test, y_test) = (make(N_TRAIN, WHERE, rng),
                                        make(N_TEST, WHERE, rng))

# %% Baselines: the majority class, and a bag of words (order ignored)
from sklearn.linear_model import LogisticRegression
majority = max(y_test.float().mean().item(),
               1 - y_test.float().mean().item())
print(f"majority class accuracy (test): {majority:.3f}")
counts_train, counts_test = X_train.sum(1), X_test.sum(1)  # per symbol
bow = LogisticRegression().fit(counts_train.numpy(), y_train.numpy())
print(f"bag-of-words accuracy (test): "
      f"{bow.score(counts_test.numpy(), y_test.numpy()):.3f}")

# %% Many-to-one: the final states, then a linear layer
class Classifier(nn.Module):
    def __init__(self, bidirectional):
        super().__init__()
        units = UNITS if bidirectional else LSTM_UNITS
        self.lstm = nn.LSTM(FILLERS + 2, units, batch_first=True,
                            bidirectional=bidirectional)
        self.out = nn.Linear(2 * units if bidirectional else units, 2)
    def forward(self, x):
        h_n = self.lstm(x)[1][0]  # (directions, batch, units)
        if self.lstm.bidirectional:  # last forward, last backward state
            return self.out(torch.cat([h_n[-2], h_n[-1]], dim=1))
        return self.out(h_n[-1])

# %% Training: the same budget for both
torch.set_num_threads(1)  # small LSTMs run faster on one thread
def train(bidirectional, seed):
    torch.manual_seed(seed)
    model = Classifier(bidirectional)
    adam = torch.optim.Adam(model.parameters(), LEARNING_RATE)
    ce = nn.CrossEntropyLoss()
    for epoch in range(EPOCHS):
        for batch in torch.randperm(N_TRAIN).split(BATCH_SIZE):
            adam.zero_grad()
            ce(model(X_train[batch]), y_train[batch]).backward()
            adam.step()
    with torch.no_grad():
        acc = (model(X_test).argmax(1) == y_test).float().mean().item()
    return acc, sum(p.numel() for p in model.parameters())

# %% BiLSTM and LSTM, three seeds each
acc = []
for seed in SEEDS:
    (bi, n_bi), (uni, n_uni) = train(True, seed), train(False, seed)
    acc.append((bi, uni))
    print(f"{WHERE}, seed {seed}: BiLSTM {bi:.3f}, LSTM {uni:.3f}")
a = np.array(acc)
for i, name in enumerate(["BiLSTM", "LSTM"]):
    print(f"{name}: mean {a[:, i].mean():.3f}, min {a[:, i].min():.3f}, "
          f"max {a[:, i].max():.3f}")
print("parameters: BiLSTM", n_bi, "LSTM", n_uni)
