import numpy as np
import torch

A = torch.tensor([1.0, 25.0])  # the day-14 bowl f(w) = 0.5 * (w1^2 + 25 * w2^2)
w0 = np.array([-4.0, 1.0], dtype=np.float32)
lr, rho, eps, steps = 0.1, 0.9, 1e-10, 3


def gradient(w):
    w.grad = None
    loss = 0.5 * torch.sum(A * w**2)
    loss.backward()
    return w.grad


def built_in():
    w = torch.tensor(w0, requires_grad=True)
    # PyTorch's defaults are alpha=0.99, eps=1e-8 (outside the root): set to match
    opt = torch.optim.RMSprop([w], lr=lr, alpha=rho, eps=eps)
    path = []
    for _ in range(steps):
        gradient(w)  # fills w.grad
        opt.step()
        path.append(w.detach().numpy().copy())
    return path


def by_hand():
    w, v = torch.tensor(w0, requires_grad=True), torch.zeros(2)
    path, rates = [], []
    for _ in range(steps):
        g = gradient(w)
        v = rho * v + (1 - rho) * g**2  # a decaying average of squared gradients, per parameter
        rate = lr / (torch.sqrt(v) + eps)
        with torch.no_grad():
            w -= rate * g
        path.append(w.detach().numpy().copy())
        rates.append(rate.numpy())
    return path, rates


fmt = lambda w: np.array2string(w, precision=6, floatmode="fixed", separator=", ")
for t, (a, b, rate) in enumerate(zip(built_in(), *by_hand()), start=1):
    print(f"rmsprop step {t}: built-in {fmt(a)} by hand {fmt(b)} gap {np.abs(a - b).max():.1e}")
    print(f"rates step {t}: {fmt(rate)}")
