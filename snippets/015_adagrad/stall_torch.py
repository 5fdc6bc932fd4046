import matplotlib.pyplot as plt
import numpy as np
import torch

A = torch.tensor([1.0, 25.0])  # the day-14 bowl f(w) = 0.5 * (w1^2 + 25 * w2^2)
w0 = np.array([-4.0, 1.0], dtype=np.float32)
lr, steps = 0.1, 300
w = torch.tensor(w0, requires_grad=True)
opt = torch.optim.Adagrad([w], lr=lr, initial_accumulator_value=0.0, eps=1e-10)


def step():
    opt.zero_grad()
    loss = 0.5 * torch.sum(A * w**2)
    loss.backward()
    opt.step()
    return w.grad


rates, distances = [], []
for t in range(1, steps + 1):
    before = w.detach().numpy().copy()
    g = step().numpy()
    rates.append((before - w.detach().numpy()) / g)  # the effective rate each parameter got
    distances.append(np.linalg.norm(w.detach().numpy()))
    if t in (1, 10, 100, 300):
        rate = np.array2string(rates[-1], precision=5)
        print(f"step {t}: rates {rate} distance to minimum {distances[-1]:.4f}")

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
ax1.loglog(range(1, steps + 1), np.array(rates), label=["w1 (curvature 1)", "w2 (curvature 25)"])
ax1.set(title="Adagrad's effective learning rate", xlabel="step")
ax1.legend()
ax2.plot(range(1, steps + 1), distances)
ax2.set(title="distance to the minimum", xlabel="step", ylim=(0, None))
plt.show()
