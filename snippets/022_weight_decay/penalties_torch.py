import matplotlib.pyplot as plt
import numpy as np
import torch
from sklearn.linear_model import Lasso

rng = np.random.default_rng(0)
n, d, k = 50, 200, 5  # 50 samples, 200 features, only the first 5 matter
w_true = np.zeros(d, np.float32)
w_true[:k] = [3.0, -2.0, 1.5, -1.0, 2.0]
X = rng.standard_normal((2 * n, d)).astype(np.float32)
y = X @ w_true + 0.5 * rng.standard_normal(2 * n).astype(np.float32)
X_train, y_train = torch.tensor(X[:n]), torch.tensor(y[:n])
lam1, lam2, lr, steps = 0.1, 1.0, 0.1, 500  # L1 strength, L2 strength, step size


def fit(penalty):
    w = torch.zeros(d, requires_grad=True)
    for _ in range(steps):
        loss = 0.5 * ((X_train @ w - y_train) ** 2).mean()
        if penalty == "L2 (ridge)":
            loss = loss + 0.5 * lam2 * (w**2).sum()
        if penalty == "L1 subgradient":
            loss = loss + lam1 * w.abs().sum()
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
            w.grad = None
            if penalty == "L1 proximal (lasso)":  # ISTA: soft-threshold after the gradient step
                w.copy_(torch.sign(w) * torch.clamp(w.abs() - lr * lam1, min=0.0))
    return w.detach().numpy()


weights = {}
for penalty in ["none", "L2 (ridge)", "L1 subgradient", "L1 proximal (lasso)"]:
    w = weights[penalty] = fit(penalty)
    test_mse = np.mean((X[n:] @ w - y[n:]) ** 2)
    print(f"{penalty}: exact zeros {np.sum(w == 0)}, |w| < 0.01: {np.sum(np.abs(w) < 0.01)}, "
          f"norm {np.linalg.norm(w):.3f}, test MSE {test_mse:.3f}")

lasso = weights["L1 proximal (lasso)"]
print("lasso keeps the 5 true features:", bool(np.all(lasso[:k] != 0)), "| other features kept:", np.sum(lasso[k:] != 0))
ridge = np.linalg.solve(X[:n].T @ X[:n] / n + lam2 * np.eye(d), X[:n].T @ y[:n] / n)
print("max gap to closed-form ridge:", f"{np.abs(weights['L2 (ridge)'] - ridge).max():.1e}")
sk = Lasso(alpha=lam1, fit_intercept=False, tol=1e-8).fit(X[:n].astype(float), y[:n].astype(float)).coef_
print("max gap to scikit-learn Lasso:", f"{np.abs(lasso - sk).max():.1e}")

fig, axes = plt.subplots(1, 3, figsize=(10, 2.8), sharey=True)
for ax, name in zip(axes, ["none", "L2 (ridge)", "L1 proximal (lasso)"]):
    ax.stem(weights[name], markerfmt=" ", basefmt="k-")
    ax.plot(range(k), w_true[:k], "r.")
    ax.set_title(name)
    ax.set_xlabel("feature")
axes[0].set_ylabel("weight (red: true)")
plt.tight_layout()
plt.show()
