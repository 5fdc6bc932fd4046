# %% Settings: one task, one budget, both cells
import time
import matplotlib.pyplot as plt
import numpy as np
import torch
from sklearn.linear_model import LogisticRegression
from torch import nn

SYMBOLS = 4  # one-hot inputs
LENGTH = 6  # steps per sequence
N_TRAIN, N_TEST = 2048, 1024
UNITS = 16
BATCH_SIZE = 128
LEARNING_RATE = 0.02  # Adam, the same for both cells
EPOCHS = 12
DATA_SEED = 0
SEEDS = (0, 1, 2)
for name in ["SYMBOLS", "LENGTH", "N_TRAIN", "N_TEST", "UNITS", "BATCH_SIZE",
             "LEARNING_RATE", "EPOCHS", "DATA_SEED", "SEEDS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
# %% The task: is the last symbol the same as the first?
rng = np.random.default_rng(DATA_SEED)
def make(n):
    s = rng.integers(0, SYMBOLS, (n, LENGTH))
    y = rng.integers(0, 2, n)  # half "same", half "different"
    other = (s[:, 0] + rng.integers(1, SYMBOLS, n)) % SYMBOLS
    s[:, -1] = np.where(y == 1, s[:, 0], other)
    return np.eye(SYMBOLS, dtype="float32")[s], y.astype("float32")
(X_train, y_train), (X_test, y_test) = make(N_TRAIN), make(N_TEST)
print(f"train: {X_train.shape}, share 'same': {y_train.mean():.3f}")
# %% Baselines: the majority class, and a linear model on all steps
majority = max(y_test.mean(), 1 - y_test.mean())
flat = LogisticRegression(max_iter=1000)  # sees all steps at once
flat.fit(X_train.reshape(N_TRAIN, -1), y_train)
linear = flat.score(X_test.reshape(N_TEST, -1), y_test)
half = X_test[:, 0].argmax(1) // 2 == X_test[:, -1].argmax(1) // 2
print(f"baseline, majority class: {majority:.3f}\n"
      f"baseline, logistic regression: {linear:.3f}\n"
      f"one-bit rule (first, last in one half): {np.mean(half == y_test):.3f}")
# %% The two models: a recurrent layer, then one logit from the last h
class Net(nn.Module):
    def __init__(self, kind):
        super().__init__()
        self.rnn = {"LSTM": nn.LSTM, "GRU": nn.GRU}[kind](
            SYMBOLS, UNITS, batch_first=True)
        self.out = nn.Linear(UNITS, 1)
    def forward(self, x):
        return self.out(self.rnn(x)[0][:, -1])[:, 0]
for kind in ("LSTM", "GRU"):
    n = sum(p.numel() for p in Net(kind).parameters())
    print(f"{kind} parameters: {n}")
# %% A fresh start per seed: initial weights and Adam's state
torch.set_num_threads(1)  # small recurrent layers: extra threads only wait
def fresh_model(kind, seed):
    torch.manual_seed(seed)
    model = Net(kind)  # this seed's initial weights
    return model, torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
# %% Training: the same budget for both; test accuracy after each epoch
X_tr, y_tr, X_te = map(torch.tensor, (X_train, y_train, X_test))
def train(kind, seed):
    (model, adam), curve = fresh_model(kind, seed), []
    loss_fn = nn.BCEWithLogitsLoss()
    start = time.perf_counter()
    for epoch in range(EPOCHS):
        for idx in torch.randperm(N_TRAIN).split(BATCH_SIZE):
            adam.zero_grad()
            loss_fn(model(X_tr[idx]), y_tr[idx]).backward()
            adam.step()
        with torch.no_grad():
            said = (model(X_te) > 0).numpy()
        curve.append(np.mean(said == y_test))
    return curve, time.perf_counter() - start, said
# %% Test accuracy after the last epoch, every seed
runs = {kind: [train(kind, s) for s in SEEDS] for kind in ("LSTM", "GRU")}
for kind, results in runs.items():
    acc = np.array([curve[-1] for curve, *_ in results])
    print(f"{kind} test accuracy by seed:", *(f"{a:.3f}" for a in acc), end="")
    print(f"; mean {acc.mean():.3f}, spread {acc.max() - acc.min():.3f}")
    late = " ".join(f"{c[-1] - c[-4]:+.3f}" for c, *_ in results)
    print(f"{kind} change over the last 3 epochs: {late}")
    same = " ".join(f"{np.mean(p == half):.3f}" for *_, p in results)
    print(f"{kind} predictions, share equal to the rule's: {same}")
sign = np.sign([g[0][-1] - l[0][-1] for g, l in zip(runs["GRU"], runs["LSTM"])])
print("GRU ahead, tied, behind (seeds):", *(sum(sign == s) for s in (1, 0, -1)))
# %% Test accuracy at each epoch's end
fig, ax = plt.subplots(figsize=(6, 3))
for kind, style in (("LSTM", "-"), ("GRU", "--")):
    for s, (curve, *_) in zip(SEEDS, runs[kind]):
        ax.plot(range(1, EPOCHS + 1), curve, style, color=f"C{s}",
                label=f"{kind}, seed {s}")
ax.axhline(linear, color="gray", lw=0.8, label="logistic regression")
ax.legend(fontsize=7, ncol=2)
ax.set(xlabel="epoch", ylabel="test accuracy")
ax.set_title("PyTorch: LSTM vs GRU, is the last symbol the first?")
plt.show()
# %% Time per training run
# verified: timing
print("seconds: this machine's, per run (fastest of 3 seeds, not asserted)")
for kind, results in runs.items():
    print(f"{kind}: {min(t for _, t, _ in results):.2f}")
