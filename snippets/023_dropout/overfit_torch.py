import matplotlib.pyplot as plt
import numpy as np
import torch
from sklearn.datasets import load_digits
from torch import nn

torch.manual_seed(0)
X, y = load_digits(return_X_y=True)
X = (X / 16.0).astype(np.float32)
order = np.random.default_rng(0).permutation(len(X))
train, val = order[:150], order[150:]  # a deliberately tiny training set: 150 images
X_train, y_train = torch.tensor(X[train]), torch.tensor(y[train])
X_val, y_val = torch.tensor(X[val]), torch.tensor(y[val])
loss_fn = nn.CrossEntropyLoss()
steps = 300


def make_model(p_in, p_hidden):
    return nn.Sequential(nn.Dropout(p_in), nn.Linear(64, 128), nn.ReLU(), nn.Dropout(p_hidden),
                         nn.Linear(128, 128), nn.ReLU(), nn.Dropout(p_hidden), nn.Linear(128, 10))


def evaluate(model, X, y):  # always in eval mode: dropout off
    model.eval()
    with torch.no_grad():
        logits = model(X)
    model.train()
    return loss_fn(logits, y).item(), (logits.argmax(1) == y).float().mean().item()


for name, p_in, p_hidden in [("no dropout", 0.0, 0.0), ("dropout", 0.2, 0.5)]:
    model = make_model(p_in, p_hidden)
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    curve = []
    for step in range(steps):  # full-batch steps: the training set is tiny
        opt.zero_grad()
        loss_fn(model(X_train), y_train).backward()
        opt.step()
        if step % 10 == 9:
            curve.append(evaluate(model, X_val, y_val)[0])  # validation loss every 10 steps
    (train_loss, train_acc), (val_loss, val_acc) = evaluate(model, X_train, y_train), evaluate(model, X_val, y_val)
    print(f"{name}: train loss {train_loss:.3f}, val loss {val_loss:.3f}, gap {val_loss - train_loss:.3f}")
    print(f"{name}: train acc {train_acc:.3f}, val acc {val_acc:.3f}, gap {train_acc - val_acc:.3f}")
    print(f"{name}: lowest val loss {min(curve):.3f} at step {10 * (np.argmin(curve) + 1)}")
    plt.plot(range(10, steps + 1, 10), curve, label=name)

plt.xlabel("training step")
plt.ylabel("validation loss")
plt.ylim(0, 1)
plt.title("150 training digits: validation loss during training")
plt.legend()
plt.show()
