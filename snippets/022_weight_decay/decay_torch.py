import numpy as np
import torch

rng = np.random.default_rng(0)
n, d = 200, 8
scales = np.logspace(-1, 1, d)  # feature scales from 0.1 to 10
X = (rng.standard_normal((n, d)) * scales).astype(np.float32)
y = (X @ (1.0 / scales) + 0.1 * rng.standard_normal(n)).astype(np.float32)
wd, lr, steps = 0.1, 0.01, 1000
# the minimiser of 0.5 * mean squared error + 0.5 * wd * |w|^2, in closed form
ridge = np.linalg.solve(X.T @ X / n + wd * np.eye(d), X.T @ y / n)
X, y = torch.tensor(X), torch.tensor(y)


def train(opt_class, l2_in_loss, **kwargs):
    w = torch.zeros(d, requires_grad=True)
    opt = opt_class([w], lr=lr, **kwargs)
    for _ in range(steps):
        loss = 0.5 * ((X @ w - y) ** 2).mean()
        if l2_in_loss:
            loss = loss + 0.5 * wd * (w**2).sum()  # its gradient is wd * w
        opt.zero_grad()
        loss.backward()
        opt.step()
    return w.detach().numpy()


results = {
    "SGD, L2 in the loss": train(torch.optim.SGD, l2_in_loss=True),
    "SGD, weight_decay": train(torch.optim.SGD, l2_in_loss=False, weight_decay=wd),
    "Adam, L2 in the loss": train(torch.optim.Adam, l2_in_loss=True, eps=1e-8),
    "AdamW, weight_decay": train(torch.optim.AdamW, l2_in_loss=False, weight_decay=wd, eps=1e-8),
}
for name, w in results.items():
    print(f"{name}: max distance to ridge solution {np.abs(w - ridge).max():.4f}")
sgd_gap = np.abs(results["SGD, L2 in the loss"] - results["SGD, weight_decay"]).max()
adam_gap = np.abs(results["Adam, L2 in the loss"] - results["AdamW, weight_decay"]).max()
print(f"SGD gap (L2 in loss vs decay in optimizer): {sgd_gap:.1e}")
print(f"Adam gap (L2 in loss vs AdamW): {adam_gap:.3f}")
print("ridge weights:", np.round(ridge, 2))
print("AdamW weights:", np.round(results["AdamW, weight_decay"], 2))
