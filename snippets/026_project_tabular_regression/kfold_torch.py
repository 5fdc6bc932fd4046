# %% Settings
import numpy as np
import torch
from sklearn.datasets import load_diabetes
from sklearn.linear_model import LinearRegression

SPLIT_SEED = 0  # which rows are held out (and never used here)
N_TEST = 88  # rows whose targets are set aside, as in a competition
N_FOLDS = 5
SEEDS = (0, 1, 2)  # the MLP's initial weights
HIDDEN = 16
STEPS = 100  # full-batch AdamW steps per fit
LEARNING_RATE = 0.01
WEIGHT_DECAY = 0.01
SNAPSHOTS = (30, 50)  # earlier steps at which the same runs are also scored
names = "SPLIT_SEED N_TEST N_FOLDS SEEDS HIDDEN STEPS LEARNING_RATE"
for name in [*names.split(), "WEIGHT_DECAY", "SNAPSHOTS"]:
    print(f"{name}: {globals()[name]}")

# %% Data and preprocessing
X, y = load_diabetes(return_X_y=True, scaled=False)
order = np.random.default_rng(SPLIT_SEED).permutation(len(y))
test, train = order[:N_TEST], order[N_TEST:]
NUMERIC = [0, 2, 3, 4, 5, 6, 7, 8, 9]  # column 1 is sex, coded 1 or 2

def prepare(fit_rows, rows):  # statistics from fit_rows only
    num = X[fit_rows][:, NUMERIC]
    scaled = (X[rows][:, NUMERIC] - num.mean(0)) / num.std(0)
    sex = X[rows, 1:2]  # a category: one-hot, not a number
    return np.hstack([scaled, sex == 1, sex == 2]).astype(np.float32)

def log_rmse(log_pred, rows):
    return float(np.sqrt(np.mean((log_pred - np.log(y[rows])) ** 2)))

# %% The MLP
def make_mlp():
    return torch.nn.Sequential(
        torch.nn.Linear(11, HIDDEN), torch.nn.ReLU(), torch.nn.Linear(HIDDEN, 1)
    )

# %% Training on the centred log target: the MSE is the squared log-RMSE
def train_steps(model, opt, x, t, steps):
    for _ in range(steps):
        loss = ((model(x)[:, 0] - t) ** 2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()

# %% One fit, whose validation fold is also scored at SNAPSHOTS
def fit_mlp(rows, seed, valid):
    torch.manual_seed(seed)
    model, centre = make_mlp(), np.log(y[rows]).mean()
    opt = torch.optim.AdamW(model.parameters(), LEARNING_RATE,
                            weight_decay=WEIGHT_DECAY)
    x = torch.tensor(prepare(rows, rows))
    t = torch.tensor(np.log(y[rows]) - centre, dtype=torch.float32)
    @torch.no_grad()
    def predict(other):  # log(y)
        return model(torch.tensor(prepare(rows, other)))[:, 0].numpy() + centre
    for start, stop in zip((0, *SNAPSHOTS), (*SNAPSHOTS, STEPS)):
        train_steps(model, opt, x, t, stop - start)
        if stop in early:
            early[stop].append(log_rmse(predict(valid), valid))
    return predict

# %% Baselines: linear regression on log(y), and the mean of log(y)
def fit_linear(rows):
    model = LinearRegression().fit(prepare(rows, rows), np.log(y[rows]))
    return lambda other: model.predict(prepare(rows, other))

def fit_mean(rows):
    return lambda other: np.full(len(other), np.log(y[rows]).mean())

# %% Five folds: the MLP with three seeds, and the two baselines
folds = np.array_split(train, N_FOLDS)
methods = {f"MLP {s}": lambda r, s=s: fit_mlp(r, s, valid) for s in SEEDS}
methods |= {"linear": fit_linear, "mean": fit_mean}
scores = {name: [] for name in methods}  # log-RMSE per fold
early = {step: [] for step in SNAPSHOTS}  # the MLP's, after SNAPSHOTS steps
print("fold " + " ".join(f"{name:>7}" for name in methods))
for k, valid in enumerate(folds):
    rest = np.concatenate([f for j, f in enumerate(folds) if j != k])
    for name, fit in methods.items():
        predict = fit(rest)
        scores[name].append(log_rmse(predict(valid), valid))
    print(f"{k + 1:>4} " + " ".join(f"{scores[n][-1]:7.3f}" for n in methods))

# %% What the MLP buys
mlp = np.array([scores[f"MLP {s}"] for s in SEEDS])  # seeds x folds
for name, s in [("MLP", mlp.mean(0)), ("linear", scores["linear"])]:
    print(f"k-fold log-RMSE, {name}: {np.mean(s):.3f} ± {np.std(s):.3f}")
print(f"k-fold log-RMSE, mean: {np.mean(scores['mean']):.3f}")
for step, s in early.items():  # the same runs, scored earlier
    print(f"k-fold log-RMSE, MLP after {step} steps: {np.mean(s):.3f}")
gain = np.array(scores["linear"]) - mlp  # positive where the MLP is better
print("folds where the MLP beats linear, per seed:", *(gain > 0).sum(1))
print(f"linear - MLP, k-fold: {gain.mean():+.3f} (mean of folds and seeds)")
