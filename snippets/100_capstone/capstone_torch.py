# %% Settings
import logging
import warnings
import tempfile
import numpy as np
import onnxruntime as ort
import optuna
import torch
from sklearn.datasets import load_breast_cancer
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from torch import nn
DATA_SEED, SEEDS, BUDGET = 0, (0, 1, 2), 8  # split; searches; trials each
TEST_SIZE, VAL_SIZE = 114, 91  # of 569 tumours; the rest trains
HIDDEN, STEPS, LR_MIN, LR_MAX, DROPOUT_MAX = 16, 150, 1e-4, 0.1, 0.5
OPSET, TOLERANCE = 18, 1e-4  # ONNX operator set; max abs logit difference
for name in [k for k in globals() if k.isupper()]:  # the settings above
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
# %% Data: split first, then fit the scaler on the training part only
X, y = load_breast_cancer(return_X_y=True)  # y = 1: benign
X_rest, X_test, y_rest, y_test = train_test_split(
    X, y, test_size=TEST_SIZE, stratify=y, random_state=DATA_SEED)
X_train, X_val, y_train, y_val = train_test_split(
    X_rest, y_rest, test_size=VAL_SIZE, stratify=y_rest,
    random_state=DATA_SEED)
scaler = StandardScaler().fit(X_train)
X_train, X_val, X_test = (scaler.transform(a).astype("float32")
                          for a in (X_train, X_val, X_test))
print(f"train: {len(X_train)}, validation: {len(X_val)}, test: {len(X_test)}")
# %% Baselines: majority class and logistic regression
base = {"majority": DummyClassifier(),
        "logistic regression": LogisticRegression()}
for name, clf in base.items():
    acc = clf.fit(X_train, y_train).score(X_test, y_test)
    print(f"{name} test accuracy: {acc:.3f}")
# %% The network and its training loop
torch.set_num_threads(1)  # sums in one order, whatever the core count
xb, yb = torch.tensor(X_train), torch.tensor(y_train, dtype=torch.float32)
def fit(model, learning_rate):  # full-batch Adam, STEPS steps
    adam = torch.optim.Adam(model.parameters(), lr=learning_rate)
    for step in range(STEPS):
        loss = nn.functional.binary_cross_entropy_with_logits(
            model(xb)[:, 0], yb)
        adam.zero_grad()
        loss.backward()
        adam.step()
# %% A trial: fresh weights, train, score
def train(learning_rate, dropout, seed):
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(X.shape[1], HIDDEN), nn.ReLU(),
                          nn.Dropout(dropout), nn.Linear(HIDDEN, 1))
    fit(model, learning_rate)
    return model.eval()  # dropout off for scoring and export
def accuracy(model, X, y):
    with torch.no_grad():
        return float(np.mean((model(torch.tensor(X))[:, 0] > 0).numpy() == y))
# %% The search space and a trial, with a tuning library
optuna.logging.set_verbosity(optuna.logging.WARNING)  # no line per trial
def objective(trial, seed):
    lr = trial.suggest_float("learning_rate", LR_MIN, LR_MAX, log=True)
    dropout = trial.suggest_float("dropout", 0.0, DROPOUT_MAX)
    return accuracy(train(lr, dropout, seed), X_val, y_val)
# %% Tuning on the validation set, once per seed
tests = []
for seed in SEEDS:
    study = optuna.create_study(
        direction="maximize",
        sampler=optuna.samplers.RandomSampler(seed=1 + 1000 * seed))
    study.optimize(lambda t: objective(t, seed), n_trials=BUDGET)
    best = study.best_trial
    lr, d = (best.params[k] for k in ("learning_rate", "dropout"))
    model = train(lr, d, seed)
    tests.append(accuracy(model, X_test, y_test))
    print(f"seed {seed}: lr {lr:.1e}, dropout {d:.2f}, val {best.value:.3f}, "
          f"test {tests[-1]:.3f}")
print(f"network test accuracy: mean {np.mean(tests):.3f}, "
      f"min {np.min(tests):.3f}, max {np.max(tests):.3f}")
# %% Export the last model to ONNX and check it in onnxruntime
logging.getLogger("torch.onnx").setLevel(logging.ERROR)  # optional-op notes
warnings.filterwarnings("ignore", ".*LeafSpec", FutureWarning)  # torch's own
path = tempfile.mkdtemp() + "/capstone.onnx"
x8 = torch.tensor(X_test[:8])  # the example batch the exporter traces
torch.onnx.export(model, (x8,), dynamo=True, opset_version=OPSET,
                  dynamic_shapes=({0: torch.export.Dim("batch")},),
                  verbose=False).save(path)
session = ort.InferenceSession(path)
name = session.get_inputs()[0].name
onnx_logits = session.run(None, {name: X_test})[0]
logits = model(torch.tensor(X_test)).detach().numpy()
diff = np.abs(onnx_logits - logits).max()
same = (onnx_logits > 0) == (logits > 0)
print(f"ONNX vs original: max abs diff {diff:.1e}, within tolerance "
      f"{diff <= TOLERANCE}, same classes {same.all()}")
