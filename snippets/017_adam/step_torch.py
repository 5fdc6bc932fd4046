# %% Settings
import numpy as np
import torch

W0 = (-1.2, 1.0)  # the race's start on the Rosenbrock function
LR, BETA1, BETA2, EPS, STEPS = 0.1, 0.9, 0.999, 1e-8, 3
print(f"start: {W0}, learning rate: {LR}, steps: {STEPS}")
print(f"beta_1: {BETA1}, beta_2: {BETA2}, epsilon: {EPS}")
w0 = np.array(W0, np.float32)


def gradient(w):
    w.grad = None
    loss = (1 - w[0]) ** 2 + 100 * (w[1] - w[0] ** 2) ** 2
    loss.backward()
    return w.grad


# %% The built-in optimizer
def built_in():
    w = torch.tensor(w0, requires_grad=True)
    # PyTorch's eps defaults to 1e-8 (Keras's to 1e-7) and is added to the
    # bias-corrected sqrt(v)
    opt = torch.optim.Adam([w], lr=LR, betas=(BETA1, BETA2), eps=EPS)
    path = []
    for _ in range(STEPS):
        gradient(w)  # fills w.grad
        opt.step()
        path.append(w.detach().numpy().copy())
    return path


# %% The update written by hand
def by_hand(correct=True):
    w = torch.tensor(w0, requires_grad=True)
    m, v, path = torch.zeros(2), torch.zeros(2), []
    for t in range(1, STEPS + 1):
        g = gradient(w)
        m = BETA1 * m + (1 - BETA1) * g  # first moment: average gradient
        v = BETA2 * v + (1 - BETA2) * g**2  # second moment: of squares
        m_hat, v_hat = m, v
        if correct:  # undo the pull of the zero start
            m_hat, v_hat = m / (1 - BETA1**t), v / (1 - BETA2**t)
        with torch.no_grad():
            w -= LR * m_hat / (torch.sqrt(v_hat) + EPS)
        path.append(w.detach().numpy().copy())
    return path


# %% Built-in vs by hand
g0 = gradient(torch.tensor(w0, requires_grad=True)).numpy()
print(f"gradient at w0: {g0[0]:.6f} {g0[1]:.6f}")
print("step built-in              by hand              gap/1e-6")
for t, (a, b) in enumerate(zip(built_in(), by_hand()), start=1):
    print(f"{t:<4} {a[0]:9.6f} {a[1]:9.6f}  {b[0]:9.6f} {b[1]:9.6f}  "
          f"{1e6 * np.abs(a - b).max():.0f}")
one = np.float32(1) - np.float32(BETA2)  # 1 - beta_2 as float32 computes it
error = abs(float(one) - (1 - BETA2)) / (1 - BETA2)
print(f"float32 1 - beta_2: relative error {error:.1e}, "
      f"of its root {error / 2:.1e}")


# %% Bias correction and the first step
step = np.abs(by_hand()[0] - w0)
print(f"first step length, bias-corrected: {step[0]:.6f} {step[1]:.6f}")
step = np.abs(by_hand(correct=False)[0] - w0)
print(f"first step length, uncorrected:    {step[0]:.6f} {step[1]:.6f}")


# %% Defaults, and what weight_decay means
d = torch.optim.Adam([torch.zeros(1, requires_grad=True)]).defaults
print(f"default learning rate: {d['lr']:g}, betas: "
      f"{d['betas'][0]}, {d['betas'][1]}, epsilon: {d['eps']:g}")
w = torch.tensor([1.0], requires_grad=True)
opt = torch.optim.Adam([w], lr=LR, weight_decay=0.1)
w.grad = torch.tensor([0.0])  # a zero gradient
opt.step()
print(f"one step from w = 1, zero gradient, weight_decay 0.1: "
      f"w = {w.item():.4f}")
w = torch.tensor([0.0], requires_grad=True)
opt = torch.optim.Adam([w], lr=LR)  # default eps
w.grad = torch.tensor([1e-4])  # a gradient of 1e-4
opt.step()
print(f"first step on a gradient of 1e-4: {-w.item() / LR:.4f} * lr")
