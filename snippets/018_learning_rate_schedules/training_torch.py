import matplotlib.pyplot as plt
import numpy as np
import torch
from sklearn.datasets import load_digits
from torch import nn
from torch.optim import lr_scheduler
from torch.utils.data import DataLoader, TensorDataset

X, y = load_digits(return_X_y=True)
X = torch.tensor(X / 16.0, dtype=torch.float32)
y = torch.tensor(y)
EPOCHS, BATCH, PEAK, L2 = 10, 64, 4.0, 1e-3
TOTAL = EPOCHS * (len(X) // BATCH)  # 28 full batches per epoch
WARMUP = TOTAL // EPOCHS  # one epoch


def make(name, opt):
    if name == "constant":
        return lr_scheduler.LambdaLR(opt, lambda step: 1.0)
    if name == "step":
        return lr_scheduler.StepLR(opt, step_size=TOTAL // 3, gamma=0.1)
    if name == "cosine":
        return lr_scheduler.CosineAnnealingLR(opt, T_max=TOTAL)
    warmup = lr_scheduler.LinearLR(opt, start_factor=0.01, total_iters=WARMUP)
    cosine = lr_scheduler.CosineAnnealingLR(opt, T_max=TOTAL - WARMUP)
    return lr_scheduler.SequentialLR(opt, [warmup, cosine], milestones=[WARMUP])


def objective(model, xb, yb):  # cross-entropy + L2 penalty: one minimum to converge to
    return nn.functional.cross_entropy(model(xb), yb) + L2 / 2 * (model.weight**2).sum()


fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
for name in ["constant", "step", "cosine", "warmup+cosine"]:
    # softmax regression, started at zero in both frameworks
    model = nn.Linear(64, 10)
    nn.init.zeros_(model.weight), nn.init.zeros_(model.bias)
    opt = torch.optim.SGD(model.parameters(), lr=PEAK)
    scheduler = make(name, opt)
    rng = np.random.default_rng(1)  # the same batches for every schedule and framework
    batch_losses, epoch_losses = [], []
    for epoch in range(EPOCHS):
        order = torch.tensor(rng.permutation(len(X)))
        batches = TensorDataset(X[order], y[order])
        for xb, yb in DataLoader(batches, batch_size=BATCH, drop_last=True):
            loss = objective(model, xb, yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
            scheduler.step()
            batch_losses.append(loss.item())
        with torch.no_grad():
            epoch_losses.append(objective(model, X, y).item())
    print(f"{name} first-epoch max batch loss: {max(batch_losses[:WARMUP]):.4f}")
    print(f"{name} loss per epoch:", " ".join(f"{v:.4f}" for v in epoch_losses))
    left.plot(batch_losses[:WARMUP], label=name)
    right.plot(range(1, EPOCHS + 1), epoch_losses, marker="o", label=name)
left.set(title="first epoch: minibatch loss", xlabel="step", ylabel="loss")
right.set(title="full training loss after each epoch", xlabel="epoch", yscale="log")
for ax in (left, right):
    ax.legend()
    ax.grid(alpha=0.3)
plt.tight_layout()
plt.show()
