# %% A scalar function of many inputs
import matplotlib.pyplot as plt
import numpy as np
import torch

SEED = 0
print("seed:", SEED)

# f(x) = sum_i x_i^2 sin(x_i) is a scalar; its gradient has one entry per x_i.
# float64, so the comparison with the formula can be tight.
x = torch.tensor(np.linspace(-4.0, 4.0, 201), requires_grad=True)
f = (x**2 * torch.sin(x)).sum()
f.backward()
grad = x.grad
by_hand = (2 * x * torch.sin(x) + x**2 * torch.cos(x)).detach()
at = [0, 100, 150]  # x = -4, 0, 2
print("df/dx at x = -4, 0, 2:", np.round(grad.numpy()[at], 6).tolist())
gap = float((grad - by_hand).abs().max())
print(f"max |autodiff - by hand| for f: {gap:.1e}")

# %% The gradient of a mean squared error
# Mean squared error of a linear model: grad_w = 2/n X^T (Xw - y).
rng = np.random.default_rng(SEED)
X, y = rng.normal(size=(50, 3)), rng.normal(size=50)
w = torch.tensor(rng.normal(size=3), requires_grad=True)
loss = ((torch.from_numpy(X) @ w - torch.from_numpy(y)) ** 2).mean()
loss.backward()
grad_w = w.grad.numpy()
by_hand_w = 2 / len(y) * X.T @ (X @ w.detach().numpy() - y)
print("dloss/dw:", np.round(grad_w, 6).tolist())
gap = float(np.max(np.abs(grad_w - by_hand_w)))
print(f"max |autodiff - by hand| for the loss: {gap:.1e}")

# %% Stopping a gradient
# Detaching: u is treated as a constant, so d(u * t)/dt = u, not 3t^2.
t = torch.tensor([0.0, 1.0, 2.0, 3.0], requires_grad=True)
u = (t * t).detach()
z = (u * t).sum()
z.backward()
print("d(u*t)/dt with u detached:", t.grad.tolist())

# %% What the record does not see
# Only tensors with requires_grad=True get a gradient.
c = torch.tensor(2.0)
frozen = torch.nn.Parameter(torch.tensor(2.0), requires_grad=False)
s = torch.ones((), requires_grad=True)  # something that does need one
y = s * (c**2 + frozen**2)
y.backward()
print("gradient w.r.t. a plain constant:", c.grad)
print("gradient w.r.t. a frozen variable:", frozen.grad)
c.requires_grad_(True)
y = c**2
y.backward()
print("after c.requires_grad_(True):", float(c.grad))
# A detour through a Python number cuts the record.
v = torch.tensor(2.0, requires_grad=True)
y = torch.tensor(v.item() ** 2)
print("result still tracked after .item():", y.requires_grad)

# %% Asking for the gradient twice
# One backward frees the graph, as one gradient call uses up a tape.
try:
    z.backward()
except RuntimeError as err:
    print("second backward: RuntimeError")
    print("message:", str(err).split(" (")[0])
# retain_graph=True keeps the graph; .grad adds the second gradient.
t.grad = None
z = (u * t).sum()
z.backward(retain_graph=True)
z.backward()
print("second backward, retain_graph=True:", t.grad.tolist())
# A new graph's backward adds to .grad as well, unless it is zeroed.
z = (u * t).sum()
z.backward()
print("backward of a new graph, no zeroing:", t.grad.tolist())
print("fix: t.grad = None (or optimizer.zero_grad()) before each backward")

# %% The derivative, by autodiff and by hand
fig, ax = plt.subplots(figsize=(6, 3))
xs = x.detach().numpy()
ax.plot(xs, (x**2 * torch.sin(x)).detach().numpy(), label="f(x) = x² sin x")
ax.plot(xs, grad.numpy(), label="f'(x) by autodiff")
ax.plot(xs[::10], by_hand.numpy()[::10], "o", ms=4, label="f'(x) by hand")
ax.set_title("f(x) = x² sin x and its derivative, by autodiff and by hand")
ax.legend()
plt.show()
