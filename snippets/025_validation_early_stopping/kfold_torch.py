import numpy as np
import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import KFold
from torch import nn

torch.manual_seed(0)
X, y = load_digits(return_X_y=True)
X = (X / 16.0).astype(np.float32)
folds = KFold(n_splits=5, shuffle=True, random_state=0)  # the same folds in both frameworks
loss_fn = nn.CrossEntropyLoss()


def make_model(hidden):
    layers = [nn.Linear(64, hidden), nn.ReLU(), nn.Linear(hidden, 10)] if hidden else [nn.Linear(64, 10)]
    return nn.Sequential(*layers)


def fit_and_score(hidden, train, val):
    model = make_model(hidden)
    opt = torch.optim.Adam(model.parameters(), lr=1e-2)
    x_train, y_train = torch.tensor(X[train]), torch.tensor(y[train])
    for _ in range(100):  # full-batch steps on the 4 training folds
        opt.zero_grad()
        loss_fn(model(x_train), y_train).backward()
        opt.step()
    with torch.no_grad():
        return float(np.mean(model(torch.tensor(X[val])).argmax(1).numpy() == y[val]))


for hidden in [0, 64]:
    scores = [fit_and_score(hidden, train, val) for train, val in folds.split(X)]
    name = f"{hidden} hidden units" if hidden else "no hidden layer"
    print(f"{name}: fold accuracies", np.round(scores, 3))
    print(f"{name}: mean {np.mean(scores):.3f} ± {np.std(scores):.3f} (std across folds)")
