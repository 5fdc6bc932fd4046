# %% Settings
import time

import numpy as np
import optuna
import torch
import torch.nn.functional as F
from sklearn.datasets import load_digits
from torch import nn

DATA_SEED, SEED = 0, 0  # the split; the training of every model here
N_TRAIN, N_VAL = 1000, 400  # of 1797 digits; the rest is the test set
HIDDEN, STEPS = 32, 100  # one hidden layer, full-batch Adam steps
LR_MIN, LR_MAX = 1e-5, 1.0  # learning rate, searched on a log scale
DROPOUT_MIN, DROPOUT_MAX = 0.0, 0.5
for name in ("DATA_SEED SEED N_TRAIN N_VAL HIDDEN STEPS LR_MIN LR_MAX "
             "DROPOUT_MIN DROPOUT_MAX").split():
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
torch.set_num_threads(1)  # faster for a model this small (measured)
# %% Data: digits, one fixed train / validation / test split
X, y = load_digits(return_X_y=True)
order = np.random.default_rng(DATA_SEED).permutation(len(X))
X, y = torch.tensor(X[order] / 16, dtype=torch.float32), torch.tensor(y[order])
X_train, X_val, X_test = torch.tensor_split(X, [N_TRAIN, N_TRAIN + N_VAL])
y_train, y_val, y_test = torch.tensor_split(y, [N_TRAIN, N_TRAIN + N_VAL])
print(f"train: {len(X_train)}, validation: {len(X_val)}, test: {len(X_test)}")
# %% The network and its training loop
def network(dropout):  # 64 pixels -> HIDDEN ReLU units -> 10 logits
    return nn.Sequential(nn.Linear(64, HIDDEN), nn.ReLU(),
                         nn.Dropout(dropout), nn.Linear(HIDDEN, 10))
def fit(model, learning_rate):  # full-batch Adam, STEPS steps
    adam = torch.optim.Adam(model.parameters(), lr=learning_rate)
    for step in range(STEPS):
        loss = F.cross_entropy(model(X_train), y_train)
        adam.zero_grad()
        loss.backward()
        adam.step()
# %% A trial: fresh weights, train, score
def train(learning_rate, dropout, seed):  # fresh weights and Adam state
    torch.manual_seed(seed)
    model = network(dropout)
    fit(model, learning_rate)
    return model.eval()  # dropout off for scoring
def accuracy(model, X, y):
    with torch.no_grad():
        return (model(X).argmax(dim=1) == y).float().mean().item()
# %% How much each hyperparameter matters
log_lrs = np.linspace(np.log10(LR_MIN), np.log10(LR_MAX), 11)
sweep = [accuracy(train(10**g, 0.25, SEED), X_val, y_val) for g in log_lrs]
print("log10 lr:  " + " ".join(f"{g:5.1f}" for g in log_lrs))
print("val acc:   " + " ".join(f"{a:5.3f}" for a in sweep))
print(f"learning rate, dropout 0.25: val acc from {min(sweep):.3f} "
      f"to {max(sweep):.3f}")
fine = np.linspace(np.log10(LR_MIN), np.log10(LR_MAX), 1001)  # interpolated
better = np.mean(np.interp(fine, log_lrs, sweep) > sweep[5])  # than 10^-2.5
print(f"share of the log range better than 10^-2.5: {better:.2f}")
print(f"chance that 9 log-uniform draws all miss it: {(1 - better) ** 9:.3f}")
for g in (-2.0, -1.5):
    ends = [accuracy(train(10**g, d, SEED), X_val, y_val)
            for d in (DROPOUT_MIN, DROPOUT_MAX)]
    print(f"dropout {DROPOUT_MIN} vs {DROPOUT_MAX} at lr 10^{g}: "
          f"{ends[0]:.3f} vs {ends[1]:.3f}")
# %% What one trial costs
# verified: timing
start = time.perf_counter()
score = accuracy(train(1e-2, 0.25, SEED), X_val, y_val)
print(f"seconds per trial (this machine): {time.perf_counter() - start:.2f}")
# %% Seeding the tools: what does a seed give?
optuna.logging.set_verbosity(optuna.logging.WARNING)  # no line per trial
def draws(seed, n=2):  # a fresh random search's first n learning rates
    study = optuna.create_study(
        sampler=optuna.samplers.RandomSampler(seed=seed))
    return [study.ask().suggest_float("learning_rate", LR_MIN, LR_MAX,
                                      log=True) for i in range(n)]
for seed in (0, 1):
    print(f"seed {seed}: two searches draw the same learning rates: "
          f"{draws(seed) == draws(seed)}")
print(f"seed 1's second learning rate is seed 2's first: "
      f"{draws(1)[1] == draws(2)[0]}")
