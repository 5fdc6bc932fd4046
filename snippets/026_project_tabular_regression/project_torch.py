import os
import tempfile

import matplotlib.pyplot as plt
import numpy as np
import torch
from sklearn.datasets import load_diabetes

torch.manual_seed(0)
data = load_diabetes(scaled=False)  # raw units: age, sex (coded 1/2), bmi, blood pressure, 6 blood serum values
X, y = data.data, data.target  # y: disease progression one year later, 25..346
order = np.random.default_rng(0).permutation(len(y))
test, train = order[:88], order[88:]  # like a competition: 88 rows whose targets we set aside
print("train rows:", len(train), "test rows:", len(test), "missing values:", int(np.isnan(X).sum()))
skew = lambda v: float(np.mean(((v - v.mean()) / v.std()) ** 3))  # 0 for a symmetric shape
print(f"target skew: raw {skew(y[train]):.2f}, log {skew(np.log(y[train])):.2f}")
NUMERIC = [0, 2, 3, 4, 5, 6, 7, 8, 9]


def prepare(fit_rows, rows):
    """Standardize numeric columns with statistics of fit_rows only; one-hot the categorical sex column."""
    mean, std = X[fit_rows][:, NUMERIC].mean(0), X[fit_rows][:, NUMERIC].std(0)
    sex = X[rows, 1:2]
    return torch.tensor(np.hstack([(X[rows][:, NUMERIC] - mean) / std, sex == 1, sex == 2]), dtype=torch.float32)


def fit(rows, steps=100):
    """A one-hidden-layer MLP trained full-batch on centred log(y): its MSE is the squared log-RMSE."""
    centre = np.log(y[rows]).mean()
    features, target = prepare(rows, rows), torch.tensor(np.log(y[rows]) - centre, dtype=torch.float32)
    model = torch.nn.Sequential(torch.nn.Linear(11, 16), torch.nn.ReLU(),
                                torch.nn.Linear(16, 1))
    optimizer = torch.optim.AdamW(model.parameters(), 0.01, weight_decay=0.01)

    for _ in range(steps):
        loss = ((model(features)[:, 0] - target) ** 2).mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()

    @torch.no_grad()
    def predict(other):
        return model(prepare(rows, other))[:, 0].numpy() + centre  # predicts log(y)
    return predict


def log_rmse(log_pred, rows):
    return float(np.sqrt(np.mean((log_pred - np.log(y[rows])) ** 2)))


folds = np.array_split(train, 5)
scores, baselines, test_preds = [], [], []
for k, valid in enumerate(folds):
    rest = np.concatenate([f for j, f in enumerate(folds) if j != k])
    predict = fit(rest)
    scores.append(log_rmse(predict(valid), valid))
    baselines.append(log_rmse(np.full(len(valid), np.log(y[rest]).mean()), valid))
    test_preds.append(predict(test))
    print(f"fold {k + 1}: log-RMSE {scores[-1]:.3f}, mean baseline {baselines[-1]:.3f}")
print(f"k-fold log-RMSE: {np.mean(scores):.3f} +- {np.std(scores):.3f}")
print(f"k-fold baseline log-RMSE: {np.mean(baselines):.3f}")

log_pred = np.mean(test_preds, axis=0)  # the five fold models vote on the test rows
path = os.path.join(tempfile.mkdtemp(), "submission.csv")
np.savetxt(path, np.column_stack([test, np.exp(log_pred)]), fmt=["%d", "%.1f"], delimiter=",",
           header="id,progression", comments="")
print("wrote", os.path.basename(path), "with", len(test), "predictions; first rows:")
print("".join(open(path).readlines()[:4]).rstrip())
print(f"held-out test log-RMSE: {log_rmse(log_pred, test):.3f}")

fig, axes = plt.subplots(1, 2, figsize=(8, 3))
axes[0].hist(y[train], bins=30)
axes[0].set_title("target")
axes[1].hist(np.log(y[train]), bins=30)
axes[1].set_title("log(target)")
plt.show()
