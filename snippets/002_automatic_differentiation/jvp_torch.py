# %% A function from R^3 to R^2
import numpy as np
import torch


def f(x):  # R^3 -> R^2
    return torch.stack([x[0] * x[1], x[0] ** 2 + torch.sin(x[2])])


def show(values):
    return np.round(np.asarray(values), 6).tolist()


x = torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64)
v = torch.tensor([1.0, 0.5, -1.0], dtype=torch.float64)  # direction in input
u = torch.tensor([1.0, -1.0], dtype=torch.float64)  # weights on the outputs
x0, x1, x2 = x.numpy()
# J by hand: rows are outputs, columns are inputs
J_by_hand = np.array([[x1, x0, 0.0], [2 * x0, 0.0, np.cos(x2)]])
print("f(x):", show(f(x)))

# %% Forward mode: J v
# Push the tangent v through f alongside the values; J is never built.
y, jvp = torch.func.jvp(f, (x,), (v,))
print("J v (forward mode):", show(jvp))
print("J v (by hand):", show(J_by_hand @ v.numpy()))

# %% Reverse mode: u^T J
# grad of a vector output takes the weights u and returns u^T J.
x.requires_grad_(True)
y = f(x)
(vjp,) = torch.autograd.grad(y, x, grad_outputs=u)
print("u^T J (reverse mode):", show(vjp))
print("u^T J (by hand):", show(u.numpy() @ J_by_hand))

# %% The gradient of a vector output
# Without weights, backward() refuses a vector; weights of ones sum it.
y = f(x)
try:
    y.backward()
except RuntimeError as error:
    print("y.backward(), no weights: RuntimeError")
    print("message:", error)
y.backward(torch.ones_like(y))
print("y.backward(ones):", show(x.grad))
print("gradient of sum(y):", show(torch.autograd.grad(f(x).sum(), x)[0]))
print("column sums of J:", show(J_by_hand.sum(axis=0)))

# %% The full Jacobian
# One reverse pass per output row.
J = torch.autograd.functional.jacobian(f, x.detach())
print("J shape:", tuple(J.shape))
gaps = {
    "J - J by hand": J.numpy() - J_by_hand,
    "jvp - J v": jvp.numpy() - J_by_hand @ v.numpy(),
    "vjp - u^T J": vjp.numpy() - u.numpy() @ J_by_hand,
}
for label, gap in gaps.items():
    print(f"max |{label}|: {np.max(np.abs(gap)):.1e}")
