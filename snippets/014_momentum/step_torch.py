import numpy as np
import torch

A = torch.tensor([1.0, 25.0])  # f(w) = 0.5 * (1 * w1^2 + 25 * w2^2): an ill-conditioned bowl
w0 = np.array([-4.0, 1.0], dtype=np.float32)
lr, mu, steps = 0.05, 0.7, 3


def gradient(w):
    w.grad = None
    loss = 0.5 * torch.sum(A * w**2)
    loss.backward()
    return w.grad


def built_in(momentum, nesterov):
    w = torch.tensor(w0, requires_grad=True)
    opt = torch.optim.SGD([w], lr=lr, momentum=momentum, nesterov=nesterov)
    path = []
    for _ in range(steps):
        gradient(w)  # fills w.grad
        opt.step()
        path.append(w.detach().numpy().copy())
    return path


def by_hand(momentum, nesterov):
    w, b = torch.tensor(w0, requires_grad=True), torch.zeros(2)
    path = []
    for _ in range(steps):
        g = gradient(w)
        b = momentum * b + g  # the velocity buffer starts at zero
        with torch.no_grad():
            w -= lr * ((g + momentum * b) if nesterov else b)
        path.append(w.detach().numpy().copy())
    return path


fmt = lambda w: np.array2string(w, precision=6, floatmode="fixed", separator=", ")
methods = [("sgd", 0.0, False), ("heavy-ball", mu, False), ("nesterov", mu, True)]
for name, momentum, nesterov in methods:
    pairs = zip(built_in(momentum, nesterov), by_hand(momentum, nesterov))
    for t, (a, b) in enumerate(pairs, start=1):
        print(f"{name} step {t}: built-in {fmt(a)} by hand {fmt(b)} gap {np.abs(a - b).max():.1e}")
