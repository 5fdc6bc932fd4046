# %% Settings
import numpy as np
import torch

CURVATURES = (1.0, 25.0)  # the day-14 bowl f(w) = 0.5 * (w1^2 + 25 * w2^2)
W0 = (-4.0, 1.0)  # the start
LR, EPS, STEPS = 0.1, 1e-10, 3  # learning rate, epsilon, steps compared
print(f"curvatures: {CURVATURES}, start: {W0}")
print(f"learning rate: {LR}, epsilon: {EPS}, steps: {STEPS}")
A, w0 = torch.tensor(CURVATURES), np.array(W0, np.float32)


def gradient(w):
    w.grad = None
    loss = 0.5 * torch.sum(A * w**2)
    loss.backward()
    return w.grad


# %% The built-in optimizer
def built_in():
    w = torch.tensor(w0, requires_grad=True)
    # PyTorch's defaults (initial_accumulator_value=0, eps=1e-10), spelled
    # out to match the Keras twin
    opt = torch.optim.Adagrad(
        [w], lr=LR, initial_accumulator_value=0.0, eps=EPS)
    path = []
    for _ in range(STEPS):
        gradient(w)  # fills w.grad
        opt.step()
        path.append(w.detach().numpy().copy())
    return path


# %% The update written by hand
def by_hand():
    w, G = torch.tensor(w0, requires_grad=True), torch.zeros(2)
    path, rates, roots = [], [], []
    for _ in range(STEPS):
        g = gradient(w)
        G = G + g**2  # the sum of all squared gradients so far, per parameter
        rate = LR / (torch.sqrt(G) + EPS)
        with torch.no_grad():
            w -= rate * g
        path.append(w.detach().numpy().copy())
        rates.append(rate.numpy())
        roots.append(torch.sqrt(G).numpy())
    return path, rates, roots


# %% Built-in vs by hand, with the effective rates
g0 = gradient(torch.tensor(w0, requires_grad=True)).numpy()
print(f"gradient at w0: {g0[0]:.6f} {g0[1]:.6f}")
print("step built-in              by hand              gap/1e-6 rates")
path, rates, roots = by_hand()
for t, (a, b, r) in enumerate(zip(built_in(), path, rates), start=1):
    print(f"{t:<4} {a[0]:9.6f} {a[1]:9.6f}  {b[0]:9.6f} {b[1]:9.6f}  "
          f"{1e6 * np.abs(a - b).max():<8.1f} {r[0]:.6f} {r[1]:.6f}")
smallest = np.min(roots)
print(f"smallest sqrt(G): {smallest:.1f}, eps / sqrt(G) at most: "
      f"{EPS / smallest:.1e}")


# %% The defaults, and what they do to a small gradient
w = torch.tensor([0.0], requires_grad=True)
d = torch.optim.Adagrad([w]).defaults
print(f"default learning rate: {d['lr']:g}, "
      f"initial accumulator: {d['initial_accumulator_value']:g}, "
      f"epsilon: {d['eps']:g}, lr_decay: {d['lr_decay']:g}")
opt = torch.optim.Adagrad([w], lr=LR)  # other defaults kept
w.grad = torch.tensor([0.01])  # a gradient of 0.01
opt.step()
print(f"first step on a gradient of 0.01: {-w.item() / LR:.4f} * lr")
