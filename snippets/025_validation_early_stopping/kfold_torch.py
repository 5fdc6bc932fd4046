# %% Settings
import numpy as np
import torch
from sklearn.datasets import load_digits
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold
from torch import nn

N_SPLITS = 5
FOLD_SEED = 0  # the same folds in both frameworks
SEEDS = (0, 1, 2)  # initial weights
STEPS = 100  # full-batch Adam steps per fold
LEARNING_RATE = 0.01
HIDDEN = 64
MAX_ITER = 1000  # L-BFGS iterations allowed to the logistic regression
names = "N_SPLITS FOLD_SEED SEEDS STEPS LEARNING_RATE HIDDEN MAX_ITER"
for name in names.split():
    print(f"{name}: {globals()[name]}")

# %% Data and folds
X, y = load_digits(return_X_y=True)
X = (X / 16.0).astype(np.float32)
folds = list(KFold(N_SPLITS, shuffle=True, random_state=FOLD_SEED).split(X))
print(f"examples: {len(X)}, per validation fold:", *[len(v) for _, v in folds])


# %% Model
def make_model(hidden):  # no hidden layer: softmax regression
    if not hidden:
        return nn.Linear(64, 10)
    layers = [nn.Linear(64, hidden), nn.ReLU(), nn.Linear(hidden, 10)]
    return nn.Sequential(*layers)


# %% Training
def train(model, x, t):  # STEPS full-batch steps
    opt = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
    for _ in range(STEPS):
        opt.zero_grad()
        nn.functional.cross_entropy(model(x), t).backward()
        opt.step()


# %% Scoring a fold
# A fresh model and optimizer for every fit: building them costs little.
def make_fit(hidden):
    def fit_and_score(seed, tr, va):
        torch.manual_seed(seed)
        model = make_model(hidden)
        train(model, torch.tensor(X[tr]), torch.tensor(y[tr]))
        with torch.no_grad():
            guess = model(torch.tensor(X[va])).argmax(1).numpy()
        return float(np.mean(guess == y[va]))

    return fit_and_score


# %% Five folds, three seeds
def row(values, sign=""):
    return " ".join(f"{v:{sign}.3f}" for v in values)


def show(name, scores):  # one row per seed, one column per fold
    by_fold = scores.mean(0)
    print(f"{name}: fold accuracies {row(by_fold)}")
    print(f"{name}: mean {by_fold.mean():.3f} ± {by_fold.std():.3f}")


scores = {}
for name, hidden in [("softmax", 0), ("MLP", HIDDEN)]:
    fit_and_score = make_fit(hidden)
    runs = [[fit_and_score(s, tr, va) for tr, va in folds] for s in SEEDS]
    scores[name] = np.array(runs)
    show(name, scores[name])
    print(f"{name}: seed means {row(scores[name].mean(1))}")

# %% The strong baseline: logistic regression to convergence
fits = [
    LogisticRegression(max_iter=MAX_ITER).fit(X[tr], y[tr]) for tr, _ in folds
]
baseline = np.array([m.score(X[va], y[va]) for m, (_, va) in zip(fits, folds)])
show("logistic regression", baseline[None, :])
iterations = max(int(m.n_iter_.max()) for m in fits)
print(f"logistic regression: L-BFGS converged in at most {iterations} steps")

# %% What the hidden layer buys
for name, base in [("softmax", scores["softmax"]), ("logistic", baseline)]:
    gain = scores["MLP"] - base  # one row per seed
    print(f"MLP - {name}: per fold {row(gain.mean(0), '+')}")
    by_fold = gain.mean(0)
    print(f"MLP - {name}: mean {by_fold.mean():+.3f} ± {by_fold.std():.3f}")
    print(f"MLP - {name}: folds won per seed", *(gain > 0).sum(1))
