import numpy as np
import torch


def f(x):  # R^3 -> R^2
    return torch.stack([x[0] * x[1], x[0] ** 2 + torch.sin(x[2])])


x = torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64)
v = torch.tensor([1.0, 0.5, -1.0], dtype=torch.float64)  # direction in input space
u = torch.tensor([1.0, -1.0], dtype=torch.float64)  # weights on the outputs
x0, x1, x2 = x.numpy()
J_by_hand = np.array([[x1, x0, 0.0], [2 * x0, 0.0, np.cos(x2)]])  # rows: outputs, columns: inputs

# Forward mode: push the tangent v through f alongside the values; J is never built.
y, jvp = torch.func.jvp(f, (x,), (v,))
print("f(x):", np.round(y.numpy(), 6).tolist())
print("J v (forward mode):", np.round(jvp.numpy(), 6).tolist())
print("J v (by hand):", np.round(J_by_hand @ v.numpy(), 6).tolist())

# Reverse mode: grad of a vector output takes the weights u and returns u^T J.
x.requires_grad_(True)
y = f(x)
(vjp,) = torch.autograd.grad(y, x, grad_outputs=u)
print("u^T J (reverse mode):", np.round(vjp.numpy(), 6).tolist())
print("u^T J (by hand):", np.round(u.numpy() @ J_by_hand, 6).tolist())

# The full Jacobian: one reverse pass per output row.
J = torch.autograd.functional.jacobian(f, x)
print("J shape:", tuple(J.shape))
print("max |J - J by hand|:", float(np.max(np.abs(J.numpy() - J_by_hand))))
print("max |jvp - J v|:", float(np.max(np.abs(jvp.numpy() - J_by_hand @ v.numpy()))))
print("max |vjp - u^T J|:", float(np.max(np.abs(vjp.numpy() - u.numpy() @ J_by_hand))))
