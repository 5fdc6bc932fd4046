# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import optuna
import torch
import torch.nn.functional as F
from sklearn.datasets import load_digits
from torch import nn

DATA_SEED, SEEDS = 0, (0, 1, 2)  # the split; searches and training
N_TRAIN, N_VAL = 1000, 400  # of 1797 digits; the rest is the test set
HIDDEN, STEPS = 32, 100  # one hidden layer, full-batch Adam steps
LR_MIN, LR_MAX, DROPOUT_MIN, DROPOUT_MAX = 1e-5, 1.0, 0.0, 0.5  # lr: log
BUDGET, N_INITIAL = 10, 4  # trials per search; random ones first
for name in ("DATA_SEED SEEDS N_TRAIN N_VAL HIDDEN STEPS LR_MIN LR_MAX "
             "DROPOUT_MIN DROPOUT_MAX BUDGET N_INITIAL").split():
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
# %% The searches, with a tuning library: a fresh tuner or study each
optuna.logging.set_verbosity(optuna.logging.WARNING)  # no line per trial
def sampler(name, seed):  # TPE (Bergstra et al. 2011) or random
    if name == "bayes":
        return optuna.samplers.TPESampler(n_startup_trials=N_INITIAL,
                                          seed=seed)
    return optuna.samplers.RandomSampler(seed=seed)
def objective(trial, seed):  # a trial asks for its values, then trains
    learning_rate = trial.suggest_float("learning_rate", LR_MIN, LR_MAX,
                                        log=True)
    dropout = trial.suggest_float("dropout", DROPOUT_MIN, DROPOUT_MAX)
    return accuracy(train(learning_rate, dropout, seed), X_val, y_val)
def search(name, seed):  # -> [(lr, dropout, val acc)], in order
    study = optuna.create_study(direction="maximize",
                                sampler=sampler(name, seed))
    study.optimize(lambda trial: objective(trial, seed), n_trials=BUDGET)
    return [(t.params["learning_rate"], t.params["dropout"], t.value)
            for t in study.trials]
# %% Run both at the same budget, seed by seed
so_far, start = {}, {}  # (seed, name) -> best val acc so far; first settings
for seed in SEEDS:
    for name in ("bayes", "random"):
        trials = np.array(search(name, seed))  # rows: lr, dropout, val acc
        so_far[seed, name] = best = np.maximum.accumulate(trials[:, 2])
        start[seed, name] = trials[:N_INITIAL, :2].tolist()
        lr, d, val = max(trials, key=lambda t: t[2])  # on validation
        test = accuracy(train(lr, d, seed), X_test, y_test)  # reported only
        print(f"seed {seed} {name:>6}: best val {val:.3f} (lr {lr:.1e}, "
              f"dropout {d:.2f}), test {test:.3f}")
        print(f"seed {seed} {name:>6}: best after {N_INITIAL}, {BUDGET - 1} "
              f"and {len(trials)} trials: {best[N_INITIAL - 1]:.3f} "
              f"{best[BUDGET - 2]:.3f} {best[-1]:.3f}")
    print(f"seed {seed}: the first {N_INITIAL} trials, the same settings in "
          f"both: {start[seed, 'bayes'] == start[seed, 'random']}")
# %% Best so far, trial by trial
fig, axes = plt.subplots(1, len(SEEDS), figsize=(9, 3.2), layout="constrained")
for ax, seed in zip(axes, SEEDS):
    for name, color in (("bayes", "tab:green"), ("random", "tab:orange")):
        ax.plot(np.arange(1, BUDGET + 1), so_far[seed, name], "o-", c=color)
    ax.axvline(N_INITIAL + 0.5, color="gray", ls=":")  # model-based next
    ax.set(xlabel="trial", title=f"seed {seed}", xticks=range(1, BUDGET + 1, 3))
axes[0].legend(["bayes", "random"])
fig.suptitle("Model-based vs random search: best validation accuracy so far")
plt.show()
