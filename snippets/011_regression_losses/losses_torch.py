# %% Settings and eight predictions, the last one 10 off
import warnings

import numpy as np
import torch
import torch.nn.functional as F

DELTA = 1.0  # Huber: quadratic for |error| <= DELTA, linear beyond
BETA = 2.0  # for the smooth L1 pitfall, with Huber's delta set to it too
BIG_ERROR = 3.0  # an error larger than BETA
print(f"delta: {DELTA}, beta: {BETA}, big error: {BIG_ERROR}")
y_true = np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0], dtype=np.float32)
y_pred = np.array([1.5, 1.8, 3.4, 3.0, 5.2, 6.9, 7.1, 18.0], dtype=np.float32)
print("y_true:", " ".join(f"{v:g}" for v in y_true))
print("y_pred:", " ".join(f"{v:g}" for v in y_pred))

# %% The three losses by hand
targets = torch.tensor(y_true)
preds = torch.tensor(y_pred, requires_grad=True)
error = preds - targets
size = error.abs()
by_hand = {
    "mse": (error**2).mean(),
    "mae": size.mean(),
    "huber": torch.where(
        size <= DELTA, 0.5 * error**2, DELTA * (size - 0.5 * DELTA)
    ).mean(),
}

# %% Built in, and how hard each prediction is pulled
built_in = {
    "mse": F.mse_loss,
    "mae": F.l1_loss,
    "huber": lambda p, t: F.huber_loss(p, t, delta=DELTA),
}
for name, loss_fn in built_in.items():
    loss = loss_fn(preds, targets)  # PyTorch: (input, target)
    (grad,) = torch.autograd.grad(loss, preds)
    print(f"{name}: by hand {by_hand[name].item():.6f}, "
          f"built in {loss.item():.6f}")
    print(f"{name} dloss/dpred:", " ".join(f"{v:.6g}" for v in grad.numpy()))

# %% Three pitfalls, shown
col = torch.tensor([[0.0], [1.0], [2.0]], dtype=torch.float64)  # (3, 1)
row = col[:, 0]  # the same numbers, shape (3,)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    mse = F.mse_loss(col, row)  # broadcasts to (3, 3)
print(f"MSE of (3, 1) against (3,), same numbers: {float(mse):.4f}")
print("warnings:", [w.category.__name__ for w in caught])
print("loss dtype from float64 inputs:", str(mse.dtype).split(".")[1])
r, zero = torch.tensor([BIG_ERROR]), torch.tensor([0.0])
huber = F.huber_loss(r, zero, delta=BETA).item()
smooth_l1 = F.smooth_l1_loss(r, zero, beta=BETA).item()  # huber / beta
print(f"error 3, delta = beta = 2: huber {huber:.4f}, "
      f"smooth L1 {smooth_l1:.4f}")
