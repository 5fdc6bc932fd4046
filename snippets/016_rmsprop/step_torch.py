# %% Settings
import numpy as np
import torch

CURVATURES = (1.0, 25.0)  # the day-14 bowl, f(w) = 0.5 * (w1^2 + 25 * w2^2)
W0 = (-4.0, 1.0)  # the start
LR, RHO, EPS, STEPS = 0.1, 0.9, 1e-10, 3  # rate, decay, epsilon, steps
print(f"curvatures: {CURVATURES}, start: {W0}")
print(f"learning rate: {LR}, rho: {RHO}, epsilon: {EPS}, steps: {STEPS}")
A, w0 = torch.tensor(CURVATURES), np.array(W0, np.float32)


def gradient(w):
    w.grad = None
    loss = 0.5 * torch.sum(A * w**2)
    loss.backward()
    return w.grad


# %% The built-in optimizer
def built_in():
    w = torch.tensor(w0, requires_grad=True)
    # PyTorch's defaults are alpha=0.99, eps=1e-8 (outside the root): set
    # to match the Keras twin
    opt = torch.optim.RMSprop([w], lr=LR, alpha=RHO, eps=EPS)
    path = []
    for _ in range(STEPS):
        gradient(w)  # fills w.grad
        opt.step()
        path.append(w.detach().numpy().copy())
    return path


# %% The update written by hand
def by_hand():
    w, v = torch.tensor(w0, requires_grad=True), torch.zeros(2)
    path, rates = [], []
    for _ in range(STEPS):
        g = gradient(w)
        v = RHO * v + (1 - RHO) * g**2  # a decaying average of squared g
        rate = LR / (torch.sqrt(v) + EPS)
        with torch.no_grad():
            w -= rate * g
        path.append(w.detach().numpy().copy())
        rates.append(rate.numpy())
    return path, rates


# %% Built-in vs by hand, with the effective rates
print("step built-in              by hand              gap/1e-6 rates")
path, rates = by_hand()
for t, (a, b, r) in enumerate(zip(built_in(), path, rates), start=1):
    print(f"{t:<4} {a[0]:9.6f} {a[1]:9.6f}  {b[0]:9.6f} {b[1]:9.6f}  "
          f"{1e6 * np.abs(a - b).max():<8.1f} {r[0]:.6f} {r[1]:.6f}")
first = np.abs(path[0] - w0)
print(f"first step: {first[0]:.4f} {first[1]:.4f}, "
      f"lr / sqrt(1 - rho): {LR / np.sqrt(1 - RHO):.4f}")


# %% The defaults, and what epsilon does to a small gradient
w = torch.tensor([0.0], requires_grad=True)
d = torch.optim.RMSprop([w]).defaults
print(f"default learning rate: {d['lr']:g}, alpha: {d['alpha']}, "
      f"eps: {d['eps']:g}")
print(f"default momentum: {d['momentum']:g}, centered: {d['centered']}")
opt = torch.optim.RMSprop([w], lr=LR, alpha=RHO)  # eps kept
w.grad = torch.tensor([1e-4])  # a gradient of 1e-4
opt.step()
print(f"first step on a gradient of 1e-4: {-w.item() / LR:.3f} * lr")
