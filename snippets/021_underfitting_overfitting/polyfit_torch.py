import matplotlib.pyplot as plt
import numpy as np
import torch

rng = np.random.default_rng(0)
x = torch.tensor(rng.uniform(-1, 1, 230))  # float64 throughout: degree 20 needs the precision
y = 4 * x**3 - 3 * x + 0.1 * torch.tensor(rng.standard_normal(230))  # a cubic plus noise
x_train, y_train, x_val, y_val = x[:30], y[:30], x[30:], y[30:]


def fit(degree):
    """Least squares on x, x^2, ..., x^degree, each standardized with training statistics."""
    powers = torch.stack([x_train**d for d in range(1, degree + 1)], dim=1)
    mean, std = powers.mean(dim=0), powers.std(dim=0, correction=0)

    def design(x):
        powers = torch.stack([x**d for d in range(1, degree + 1)], dim=1)
        return torch.cat([torch.ones_like(x)[:, None], (powers - mean) / std], dim=1)

    w = torch.linalg.lstsq(design(x_train), y_train[:, None]).solution
    return lambda x: (design(x) @ w)[:, 0]


def mse(model, x, y):
    return ((model(x) - y) ** 2).mean().item()


degrees = range(1, 21)
models = {d: fit(d) for d in degrees}
train_err = [mse(models[d], x_train, y_train) for d in degrees]
val_err = [mse(models[d], x_val, y_val) for d in degrees]
for d in (1, 3, 20):
    print(f"degree {d}: train MSE {train_err[d - 1]:.4g}, validation MSE {val_err[d - 1]:.4g}")
print("train MSE by degree:", " ".join(f"{e:.4g}" for e in train_err))
print("validation MSE by degree:", " ".join(f"{e:.4g}" for e in val_err))
print("best degree on validation:", degrees[int(np.argmin(val_err))])

fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
grid = torch.tensor(np.linspace(-1, 1, 400))
left.scatter(x_train, y_train, color="black", s=15, label="training points")
left.plot(grid, 4 * grid**3 - 3 * grid, "k--", label="true cubic")
for d in (1, 3, 20):
    left.plot(grid, models[d](grid), label=f"degree {d}")
left.set(title="polynomial fits", xlabel="x", ylabel="y", ylim=(-2, 2))
right.plot(degrees, train_err, marker="o", label="training")
right.plot(degrees, val_err, marker="o", label="validation")
right.set(title="error against degree", xlabel="degree", ylabel="MSE", yscale="log")
right.set_xticks([1, 3, 5, 10, 15, 20])
for ax in (left, right):
    ax.grid(alpha=0.3)
    ax.legend(fontsize="small")
plt.tight_layout()
plt.show()
