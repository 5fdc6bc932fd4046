# %% Settings
import numpy as np
import optuna
import torch
import torch.nn.functional as F
from sklearn.datasets import load_digits
from torch import nn

DATA_SEED, SEEDS = 0, (0, 1, 2)  # the split; the searches (and training)
N_TRAIN, N_VAL = 1000, 400  # of 1797 digits; the rest is the test set
HIDDEN, STEPS = 32, 100  # one hidden layer, full-batch Adam steps
LR_MIN, LR_MAX = 1e-5, 1.0  # learning rate, searched on a log scale
DROPOUT_MIN, DROPOUT_MAX = 0.0, 0.5
BUDGET, GRID_SIDE = 9, 3  # trials per search; grid: 3 x 3 = 9
for name in ("DATA_SEED SEEDS N_TRAIN N_VAL HIDDEN STEPS LR_MIN LR_MAX "
             "DROPOUT_MIN DROPOUT_MAX BUDGET GRID_SIDE").split():
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
# %% The two searches, with a tuning library
optuna.logging.set_verbosity(optuna.logging.WARNING)  # no line per trial
def sampler(name, seed):  # a grid must be given its values
    if name == "grid":
        return optuna.samplers.GridSampler({
            "learning_rate": list(np.geomspace(LR_MIN, LR_MAX,
                                             GRID_SIDE)),
            "dropout": list(np.linspace(DROPOUT_MIN, DROPOUT_MAX,
                                        GRID_SIDE))}, seed=seed)
    return optuna.samplers.RandomSampler(seed=seed)
def objective(trial, seed):  # a trial asks for its values, then trains
    learning_rate = trial.suggest_float("learning_rate", LR_MIN, LR_MAX,
                                        log=True)
    dropout = trial.suggest_float("dropout", DROPOUT_MIN, DROPOUT_MAX)
    model = train(learning_rate, dropout, seed)
    trial.set_user_attr("test_accuracy", accuracy(model, X_test, y_test))
    return accuracy(model, X_val, y_val)
# %% One search: a fresh tuner or study
def search(name, seed):  # -> [(lr, dropout, val acc, test acc)], in order
    study = optuna.create_study(direction="maximize",
                                sampler=sampler(name, seed))
    study.optimize(lambda trial: objective(trial, seed), n_trials=BUDGET)
    return [(t.params["learning_rate"], t.params["dropout"], t.value,
             t.user_attrs["test_accuracy"]) for t in study.trials]
# %% Run both at the same budget, once per seed
best = {"grid": [], "random": []}
for seed in SEEDS:
    for name in best:
        trials = search(name, seed)
        assert len(trials) == BUDGET  # the same budget for both searches
        lr, d, val, test = max(trials, key=lambda t: t[2])  # on validation
        best[name].append(val)
        print(f"seed {seed} {name:>6}: best val {val:.3f} "
              f"(lr {lr:.1e}, dropout {d:.2f}), test {test:.3f}, "
              f"{len({round(t[0], 12) for t in trials})} lrs")
# %% Over the seeds
for name, b in best.items():
    print(f"{name:>6}: mean {np.mean(b):.3f}, min {np.min(b):.3f}, "
          f"max {np.max(b):.3f}")
wins = int(np.sum(np.array(best["random"]) > np.array(best["grid"])))
print(f"random ahead of grid in {wins} of {len(SEEDS)} seeds")
