import matplotlib.pyplot as plt
import numpy as np
import torch

# Synthetic data y = X w + b + noise, made with NumPy so both twins see the same numbers.
rng = np.random.default_rng(0)
true_w, true_b, noise = np.array([2.0, -3.4]), 4.2, 0.01
X = rng.normal(size=(1000, 2)).astype(np.float32)
y = (X @ true_w + true_b + rng.normal(scale=noise, size=1000)).astype(np.float32)
print("true w:", true_w.tolist(), "true b:", true_b)


def data_iter(batch_size, X, y):  # a fresh random order every epoch
    order = rng.permutation(len(y))
    for i in range(0, len(y), batch_size):
        batch = order[i:i + batch_size]
        yield torch.from_numpy(X[batch]), torch.from_numpy(y[batch])


def linreg(X, w, b):
    return X @ w + b


def squared_loss(y_hat, y):
    return ((y_hat - y) ** 2).mean()


def sgd(params, lr):  # one step against the gradient, in place, then clear .grad
    with torch.no_grad():
        for param in params:
            param -= lr * param.grad
            param.grad.zero_()


w = torch.tensor(rng.normal(scale=0.01, size=2).astype(np.float32), requires_grad=True)
b = torch.tensor(0.0, requires_grad=True)
lr, batch_size, epochs = 0.03, 10, 3
losses = []
for epoch in range(epochs):
    for X_batch, y_batch in data_iter(batch_size, X, y):
        loss = squared_loss(linreg(X_batch, w, b), y_batch)
        loss.backward()
        sgd([w, b], lr)
        losses.append(loss.item())
    with torch.no_grad():
        full_loss = squared_loss(linreg(torch.from_numpy(X), w, b), torch.from_numpy(y))
    print(f"epoch {epoch + 1}: loss {float(full_loss):.3e}")

print("learned w:", [round(v, 4) for v in w.detach().numpy().tolist()], "learned b:", round(b.item(), 4))
print("error in w:", round(float(np.max(np.abs(w.detach().numpy() - true_w))), 4))
print("error in b:", round(abs(b.item() - true_b), 4))
print(f"first minibatch loss: {losses[0]:.3e}")

plt.figure(figsize=(6, 3))
plt.semilogy(losses, label="minibatch loss")
plt.axhline(noise**2, color="gray", linestyle="--", label="noise variance")
plt.xlabel("step")
plt.ylabel("squared loss")
plt.legend()
plt.show()
