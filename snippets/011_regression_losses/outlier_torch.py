import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn

rng = np.random.default_rng(0)
x = np.linspace(-1.0, 1.0, 20)
y = 2.0 * x + 1.0 + 0.1 * rng.standard_normal(20)  # true line: slope 2, intercept 1
y[-1] = -10.0  # one gross outlier
X = torch.tensor(x.reshape(-1, 1), dtype=torch.float32)
Y = torch.tensor(y.reshape(-1, 1), dtype=torch.float32)
slope, intercept = np.polyfit(x, y, 1)
print(f"least squares, closed form: slope {slope:.4f}, intercept {intercept:.4f}")

losses = {
    "mse": nn.MSELoss(),
    "mae": nn.L1Loss(),
    "huber": nn.HuberLoss(delta=1.0),
}
plt.scatter(x, y, color="black", s=15, label="data (one outlier)")
for name, loss_fn in losses.items():
    line = nn.Linear(1, 1)
    nn.init.zeros_(line.weight)  # slope and intercept start at 0
    nn.init.zeros_(line.bias)
    opt = torch.optim.SGD(line.parameters(), lr=0.1)

    def step():
        loss = loss_fn(line(X), Y)
        opt.zero_grad()
        loss.backward()
        opt.step()

    for _ in range(300):
        step()
    slope, intercept = line.weight.item(), line.bias.item()
    print(f"{name} fit: slope {slope:.4f}, intercept {intercept:.4f}")
    plt.plot(x, slope * x + intercept, label=f"{name}: slope {slope:.2f}")
plt.plot(x, 2.0 * x + 1.0, "k:", label="true line: slope 2.00")
plt.title("One outlier pulls the MSE fit; MAE and Huber resist")
plt.xlabel("x")
plt.ylabel("y")
plt.legend()
plt.show()
