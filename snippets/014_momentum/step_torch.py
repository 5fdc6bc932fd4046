# %% Settings
import numpy as np
import torch

CURVATURES = (1.0, 25.0)  # f(w) = 0.5 * (1 * w1^2 + 25 * w2^2): a narrow bowl
W0 = (-4.0, 1.0)  # the start
LR, MU, STEPS = 0.05, 0.7, 3  # learning rate, momentum, steps compared
print(f"curvatures: {CURVATURES}, start: {W0}")
print(f"learning rate: {LR}, momentum: {MU}, steps: {STEPS}")
A, w0 = torch.tensor(CURVATURES), np.array(W0, np.float32)


def gradient(w):
    w.grad = None
    loss = 0.5 * torch.sum(A * w**2)
    loss.backward()
    return w.grad


# %% The built-in optimizer
def built_in(momentum, nesterov, lrs=(LR,) * STEPS):
    w = torch.tensor(w0, requires_grad=True)
    opt = torch.optim.SGD(
        [w], lr=LR, momentum=momentum, nesterov=nesterov)
    path = []
    for lr in lrs:
        opt.param_groups[0]["lr"] = lr  # a schedule could change it
        gradient(w)  # fills w.grad
        opt.step()
        path.append(w.detach().numpy().copy())
    return path


# %% The update written by hand
def by_hand(momentum, nesterov, lrs=(LR,) * STEPS):
    w, b = torch.tensor(w0, requires_grad=True), torch.zeros(2)  # buffer: 0
    path = []
    for lr in lrs:
        g = gradient(w)
        b = momentum * b + g
        with torch.no_grad():
            w -= lr * ((g + momentum * b) if nesterov else b)
        path.append(w.detach().numpy().copy())
    return path


# %% One step at a time: built-in vs by hand
print("method      step built-in             by hand              gap/1e-6")
for name, momentum, nesterov in [("sgd", 0.0, False), ("heavy-ball", MU, False),
                                 ("nesterov", MU, True)]:
    pairs = zip(built_in(momentum, nesterov), by_hand(momentum, nesterov))
    for t, (a, b) in enumerate(pairs, start=1):
        print(f"{name:<11} {t:<4} {a[0]:9.6f} {a[1]:9.6f}  "
              f"{b[0]:9.6f} {b[1]:9.6f}  {1e6 * np.abs(a - b).max():.1f}")


# %% Under a schedule: the learning rate halves after step 2
lrs = (LR, LR, LR / 2)
w_buffer = by_hand(MU, False, lrs)[-1]  # PyTorch's form: lr times buffer
w, v = torch.tensor(w0, requires_grad=True), torch.zeros(2)  # Keras's form:
for lr in lrs:  # a velocity that holds the learning rate
    v = MU * v - lr * gradient(w)
    with torch.no_grad():
        w += v
w = w.detach().numpy()
print(f"step 3, buffer form:   {w_buffer[0]:9.6f} {w_buffer[1]:9.6f}")
print(f"step 3, velocity form: {w[0]:9.6f} {w[1]:9.6f}")
w_built = built_in(MU, False, lrs)[-1]
print(f"step 3, built-in:      {w_built[0]:9.6f} {w_built[1]:9.6f}")


# %% Defaults
opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)])
print(f"default learning rate: {opt.defaults['lr']:g}, "
      f"default momentum: {opt.defaults['momentum']:g}")
