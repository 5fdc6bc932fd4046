import numpy as np
import torch

w0 = np.array([-1.2, 1.0], dtype=np.float32)  # the race's start on the Rosenbrock function
lr, beta1, beta2, eps, steps = 0.1, 0.9, 0.999, 1e-8, 3


def gradient(w):
    w.grad = None
    loss = (1 - w[0]) ** 2 + 100 * (w[1] - w[0] ** 2) ** 2
    loss.backward()
    return w.grad


def built_in():
    w = torch.tensor(w0, requires_grad=True)
    # PyTorch's eps defaults to 1e-8 (Keras's to 1e-7) and is added to the bias-corrected sqrt(v)
    opt = torch.optim.Adam([w], lr=lr, betas=(beta1, beta2), eps=eps)
    path = []
    for _ in range(steps):
        gradient(w)  # fills w.grad
        opt.step()
        path.append(w.detach().numpy().copy())
    return path


def by_hand(correct=True):
    w, m, v = torch.tensor(w0, requires_grad=True), torch.zeros(2), torch.zeros(2)
    path = []
    for t in range(1, steps + 1):
        g = gradient(w)
        m = beta1 * m + (1 - beta1) * g  # first moment: a decaying average of gradients
        v = beta2 * v + (1 - beta2) * g**2  # second moment: of squared gradients
        m_hat, v_hat = (m / (1 - beta1**t), v / (1 - beta2**t)) if correct else (m, v)
        with torch.no_grad():
            w -= lr * m_hat / (torch.sqrt(v_hat) + eps)
        path.append(w.detach().numpy().copy())
    return path


fmt = lambda w: np.array2string(w, precision=6, floatmode="fixed", separator=", ")
print("gradient at w0:", fmt(gradient(torch.tensor(w0, requires_grad=True)).numpy()))
for t, (a, b) in enumerate(zip(built_in(), by_hand()), start=1):
    print(f"adam step {t}: built-in {fmt(a)} by hand {fmt(b)} gap {np.abs(a - b).max():.1e}")
print("first step length, bias-corrected:", fmt(np.abs(by_hand()[0] - w0)))
print("first step length, uncorrected:", fmt(np.abs(by_hand(correct=False)[0] - w0)))
