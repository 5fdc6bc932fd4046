# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import torch
from sklearn.datasets import load_digits
from torch import nn

N_TRAIN = 150  # a deliberately tiny training set
HIDDEN = 128
P_INPUT = 0.2  # dropout rates of Srivastava et al.
P_HIDDEN = 0.5
LEARNING_RATE = 3e-3
STEPS = 200  # full-batch Adam steps
EVAL_EVERY = 20
SPLIT_SEED = 0  # which digits are in the training set
SEEDS = [0, 1, 2]  # initial weights and dropout masks
print(f"N_TRAIN: {N_TRAIN}\nHIDDEN: {HIDDEN}\nP_INPUT: {P_INPUT}\n"
      f"P_HIDDEN: {P_HIDDEN}\nLEARNING_RATE: {LEARNING_RATE}\nSTEPS: {STEPS}\n"
      f"EVAL_EVERY: {EVAL_EVERY}\nSPLIT_SEED: {SPLIT_SEED}\nSEEDS: {SEEDS}")

# %% Data: 150 digits to train on, the rest to validate
X, y = load_digits(return_X_y=True)
X = (X / 16).astype(np.float32)
order = np.random.default_rng(SPLIT_SEED).permutation(len(X))
train, val = order[:N_TRAIN], order[N_TRAIN:]
X_train, y_train = torch.tensor(X[train]), torch.tensor(y[train])
X_val, y_val = torch.tensor(X[val]), torch.tensor(y[val])
data = [(X_train, y_train), (X_val, y_val)]
print(f"validation digits: {len(val)}")

# %% The network, with or without dropout
def make_model(p_in, p_hidden):
    return nn.Sequential(
        nn.Dropout(p_in), nn.Linear(64, HIDDEN), nn.ReLU(),
        nn.Dropout(p_hidden), nn.Linear(HIDDEN, HIDDEN), nn.ReLU(),
        nn.Dropout(p_hidden), nn.Linear(HIDDEN, 10))


loss_fn = nn.CrossEntropyLoss()

def evaluate(model, X, y):  # always in eval mode: dropout off
    model.eval()
    with torch.no_grad():
        logits = model(X)
    model.train()
    accuracy = (logits.argmax(1) == y).float().mean().item()
    return loss_fn(logits, y).item(), accuracy

# %% Training, with the validation loss at checkpoints
def train_model(seed, p_in, p_hidden):
    torch.manual_seed(seed)
    model = make_model(p_in, p_hidden)
    opt = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
    curve = []
    for step in range(1, STEPS + 1):  # full-batch steps
        opt.zero_grad()
        loss_fn(model(X_train), y_train).backward()
        opt.step()
        if step % EVAL_EVERY == 0:
            curve.append(evaluate(model, X_val, y_val)[0])
    return [evaluate(model, X, y) for X, y in data] + [curve]

# %% Without and with dropout, three seeds
runs = {}
print("seed run        train loss val loss   gap train acc val acc best (step)")
for seed in SEEDS:
    for name, rates in (("no dropout", (0, 0)),
                        ("dropout", (P_INPUT, P_HIDDEN))):
        (t_loss, t_acc), (v_loss, v_acc), curve = train_model(seed, *rates)
        runs[seed, name] = (v_loss - t_loss, v_acc, curve)
        best = np.argmin(curve)
        print(f"{seed:4} {name:10} {t_loss:10.3f} {v_loss:8.3f} "
              f"{v_loss - t_loss:5.3f} {t_acc:9.3f} {v_acc:7.3f} "
              f"{curve[best]:5.3f} ({EVAL_EVERY * (best + 1)})")

# %% The gap ratio across seeds
ratios = [runs[s, "dropout"][0] / runs[s, "no dropout"][0] for s in SEEDS]
print("gap with / without dropout, by seed:",
      " ".join(f"{r:.2f}" for r in ratios))
print(f"gap ratio: mean {np.mean(ratios):.2f}, min {min(ratios):.2f}, "
      f"max {max(ratios):.2f}")
acc = [runs[s, "dropout"][1] - runs[s, "no dropout"][1] for s in SEEDS]
print("val accuracy with - without dropout, by seed:",
      " ".join(f"{a:+.3f}" for a in acc))

# %% Figure
for seed in SEEDS:
    for name, style in (("no dropout", "-"), ("dropout", "--")):
        steps = range(EVAL_EVERY, STEPS + 1, EVAL_EVERY)
        plt.plot(steps, runs[seed, name][2], style, color=f"C{seed}",
                 label=f"{name}, seed {seed}")
plt.xlabel("training step")
plt.ylabel("validation loss")
plt.title("150 training digits: validation loss, with and without dropout")
plt.legend(fontsize="small", ncol=2)
plt.show()
