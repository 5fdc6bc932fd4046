import matplotlib.pyplot as plt
import numpy as np
import torch

# f(x) = sum_i x_i^2 sin(x_i) is a scalar; its gradient has one entry per x_i.
x = torch.tensor(np.linspace(-4.0, 4.0, 201), requires_grad=True)  # float64, so the comparison can be tight
f = (x**2 * torch.sin(x)).sum()
f.backward()
grad = x.grad
by_hand = (2 * x * torch.sin(x) + x**2 * torch.cos(x)).detach()
print("df/dx at x = -4, 0, 2:", np.round(grad.numpy()[[0, 100, 150]], 6).tolist())
print("max |autodiff - by hand| for f:", float((grad - by_hand).abs().max()))

# Mean squared error of a linear model: grad_w = 2/n X^T (Xw - y).
rng = np.random.default_rng(0)
X, y, w = rng.normal(size=(50, 3)), rng.normal(size=50), torch.tensor(rng.normal(size=3), requires_grad=True)
loss = ((torch.from_numpy(X) @ w - torch.from_numpy(y)) ** 2).mean()
loss.backward()
grad_w = w.grad
by_hand_w = 2 / len(y) * X.T @ (X @ w.detach().numpy() - y)
print("dloss/dw:", np.round(grad_w.numpy(), 6).tolist())
print("max |autodiff - by hand| for the loss:", float(np.max(np.abs(grad_w.numpy() - by_hand_w))))

# Detaching: u is treated as a constant, so d(u * x)/dx = u, not 3x^2.
t = torch.tensor([0.0, 1.0, 2.0, 3.0], requires_grad=True)
u = (t * t).detach()
z = (u * t).sum()
z.backward(retain_graph=True)
print("d(u*t)/dt with u detached:", t.grad.tolist())

# .grad accumulates: a second backward adds to it instead of replacing it.
z.backward()
print("second backward without zeroing:", t.grad.tolist())

plt.figure(figsize=(6, 3))
plt.plot(x.detach().numpy(), (x**2 * torch.sin(x)).detach().numpy(), label="f(x) = x² sin x")
plt.plot(x.detach().numpy(), grad.numpy(), label="f'(x) by autodiff")
plt.plot(x.detach().numpy()[::10], by_hand.numpy()[::10], "o", ms=4, label="f'(x) by hand")
plt.legend()
plt.show()
