import matplotlib.pyplot as plt
import numpy as np
import torch

A = torch.tensor([1.0, 25.0])  # f(w) = 0.5 * (w1^2 + 25 * w2^2), condition number 25
w0 = np.array([-4.0, 1.0], dtype=np.float32)
lr, mu, steps = 0.05, 0.7, 200
settings = {
    "gradient descent": dict(lr=lr),
    "heavy-ball": dict(lr=lr, momentum=mu),
    "nesterov": dict(lr=lr, momentum=mu, nesterov=True),
}


def step(w, opt):
    opt.zero_grad()
    loss = 0.5 * torch.sum(A * w**2)
    loss.backward()
    opt.step()
    return loss


fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
X, Y = np.meshgrid(np.linspace(-4.5, 1, 200), np.linspace(-1.5, 1.5, 200))
ax1.contour(X, Y, 0.5 * (X**2 + 25 * Y**2), levels=np.geomspace(0.01, 20, 12), colors="lightgray")
for name, kwargs in settings.items():
    w = torch.tensor(w0, requires_grad=True)
    opt = torch.optim.SGD([w], **kwargs)
    path, losses = [w0], []
    for _ in range(steps):
        losses.append(float(step(w, opt)))  # the loss before this step
        path.append(w.detach().numpy().copy())
    below = [t for t, l in enumerate(losses) if l < 1e-6]
    first = below[0] if below else "never"
    print(f"{name}: loss after 20 steps {losses[20]:.4e}, steps to loss < 1e-6: {first}")
    path = np.array(path)
    ax1.plot(path[:60, 0], path[:60, 1], ".-", label=name)
    ax2.semilogy(losses, label=name)
ax1.set(title="first 60 steps", xlabel="w1", ylabel="w2")
ax2.axhline(1e-6, color="gray", linestyle=":")
ax2.set(title="loss", xlabel="step")
ax1.legend()
plt.show()
