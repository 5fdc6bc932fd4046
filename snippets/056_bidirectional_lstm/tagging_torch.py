# %% Settings
import numpy as np
import torch
from torch import nn

DATA_SEED = 0  # the generated sequences
SEEDS = (0, 1, 2)  # initialisation and shuffling, one run per seed
TIME_STEPS = 16
FILLERS = 4  # symbols 0-3 carry no label information
MARKERS = 3  # symbols 4-6 are the markers X, Y, Z
P_MARKER = 0.1  # chance that an inner step is a marker
N_TRAIN, N_TEST = 2000, 1000
UNITS = 16  # per direction; the one-directional LSTM gets 2 * UNITS
EPOCHS = 6
BATCH_SIZE = 200
LEARNING_RATE = 0.02
for name in ["DATA_SEED", "SEEDS", "TIME_STEPS", "FILLERS", "MARKERS",
             "P_MARKER", "N_TRAIN", "N_TEST", "UNITS", "EPOCHS", "BATCH_SIZE",
             "LEARNING_RATE"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: label each step by the markers on its left and on its right
def make(n, rng):
    is_marker = rng.random((n, TIME_STEPS)) < P_MARKER
    is_marker[:, [0, -1]] = True  # a marker at both ends
    kind = rng.integers(0, MARKERS, (n, TIME_STEPS))
    seq = np.where(is_marker, FILLERS + kind,
                   rng.integers(0, FILLERS, (n, TIME_STEPS)))
    idx = np.where(is_marker, np.arange(TIME_STEPS), -1)
    left = np.maximum.accumulate(idx, axis=1)  # last marker at or before t
    idx = np.where(is_marker, np.arange(TIME_STEPS), TIME_STEPS)
    right = np.minimum.accumulate(idx[:, ::-1], axis=1)[:, ::-1]  # first >= t
    rows = np.arange(n)[:, None]
    label = kind[rows, left] * MARKERS + kind[rows, right]  # 9 classes
    return seq, label, is_marker
rng = np.random.default_rng(DATA_SEED)
(s_train, y_train, _), (s_test, y_test, m_test) = (make(N_TRAIN, rng),
                                                   make(N_TEST, rng))
print("sequence:", " ".join("abcdXYZ"[i] for i in s_test[0]))
print("left:    ", " ".join("XYZ"[i // MARKERS] for i in y_test[0]))
print("right:   ", " ".join("XYZ"[i % MARKERS] for i in y_test[0]))

# %% Baselines: chance, and the best any left-to-right reader can do
majority = np.bincount(y_train.ravel()).argmax()
print(f"majority class accuracy: {(y_test == majority).mean():.3f}")
f = m_test.mean()  # at a marker both labels are that marker; else guess right
print(f"marker steps: {f:.3f}")
print(f"best left-to-right accuracy: {f + (1 - f) / MARKERS:.3f}")

# %% Two taggers: BiLSTM and LSTM, with a linear layer at every step
class Tagger(nn.Module):
    def __init__(self, bidirectional):
        super().__init__()
        units = UNITS if bidirectional else 2 * UNITS  # 2 * UNITS features
        self.lstm = nn.LSTM(FILLERS + MARKERS, units, batch_first=True,
                            bidirectional=bidirectional)
        self.out = nn.Linear(2 * UNITS, MARKERS * MARKERS)
    def forward(self, x):  # x: one-hot symbols
        return self.out(self.lstm(x)[0])  # (batch, steps, 9)

# %% Training: the same budget for both
torch.set_num_threads(1)  # small LSTMs run faster on one thread
one_hot = torch.eye(FILLERS + MARKERS)  # row i codes symbol i
X_train, X_test = one_hot[s_train], one_hot[s_test]
Y_train, Y_test = torch.tensor(y_train), torch.tensor(y_test)
def train(bidirectional, seed):
    torch.manual_seed(seed)
    model = Tagger(bidirectional)
    adam = torch.optim.Adam(model.parameters(), LEARNING_RATE)
    ce = nn.CrossEntropyLoss()
    for epoch in range(EPOCHS):
        for batch in torch.randperm(N_TRAIN).split(BATCH_SIZE):
            adam.zero_grad()
            logits = model(X_train[batch])
            ce(logits.flatten(0, 1), Y_train[batch].flatten()).backward()
            adam.step()
    with torch.no_grad():
        right = (model(X_test).argmax(-1) == Y_test).numpy()
    return right, sum(p.numel() for p in model.parameters())

# %% One run per seed
acc = {}
for seed in SEEDS:
    (bi, n_bi), (uni, n_uni) = train(True, seed), train(False, seed)
    acc[seed] = bi.mean(), uni.mean(), bi[~m_test].mean(), uni[~m_test].mean()
    print(f"seed {seed}: BiLSTM {acc[seed][0]:.3f}, LSTM {acc[seed][1]:.3f}; "
          f"between markers {acc[seed][2]:.3f}, {acc[seed][3]:.3f}")
a = np.array(list(acc.values()))
for i, name in enumerate(["BiLSTM", "LSTM"]):
    print(f"{name}: mean {a[:, i].mean():.3f}, min {a[:, i].min():.3f}, "
          f"max {a[:, i].max():.3f}")
print("parameters: BiLSTM", n_bi, "LSTM", n_uni)
