import matplotlib.pyplot as plt
import numpy as np
import torch

w0 = np.array([-1.2, 1.0], dtype=np.float32)  # the classic start; the minimum is at (1, 1)
steps = 500
settings = {  # each rate: the best of 1e-4, 3e-4, 1e-3, ..., 1 for this start and budget
    "gradient descent": (torch.optim.SGD, dict(lr=3e-3)),
    "momentum 0.9": (torch.optim.SGD, dict(lr=3e-3, momentum=0.9)),
    "adagrad": (torch.optim.Adagrad, dict(lr=1.0, initial_accumulator_value=0.0, eps=1e-10)),
    "rmsprop": (torch.optim.RMSprop, dict(lr=3e-2, alpha=0.9, eps=1e-10)),
    "adam": (torch.optim.Adam, dict(lr=1.0, betas=(0.9, 0.999), eps=1e-8)),
}


def rosenbrock(w):
    return (1 - w[0]) ** 2 + 100 * (w[1] - w[0] ** 2) ** 2


def step(w, opt):
    opt.zero_grad()
    loss = rosenbrock(w)
    loss.backward()
    opt.step()
    return loss.detach(), w.detach().clone()


fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4.5))
X, Y = np.meshgrid(np.linspace(-2, 2, 300), np.linspace(-1, 3, 300))
ax1.contour(X, Y, rosenbrock([X, Y]), levels=np.geomspace(0.1, 2000, 15), colors="lightgray")
for name, (optimizer, kwargs) in settings.items():
    w = torch.tensor(w0, requires_grad=True)
    opt = optimizer([w], **kwargs)
    losses, path = (torch.stack(x).numpy() for x in zip(*[step(w, opt) for _ in range(steps)]))
    print(f"{name}: distance to (1, 1) after {steps} steps {np.linalg.norm(path[-1] - 1):.4f}")
    path = np.vstack([w0, path])
    ax1.plot(path[:, 0], path[:, 1], ".-", markersize=2, linewidth=0.8, label=name)
    ax2.semilogy(losses, label=name)
ax1.plot(1, 1, "k*", markersize=12)
ax1.set(title="trajectories on the Rosenbrock function", xlim=(-2, 2), ylim=(-1, 3))
ax2.set(title="loss", xlabel="step")
ax2.legend()
plt.show()
