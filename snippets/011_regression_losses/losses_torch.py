import numpy as np
import torch
import torch.nn.functional as F

y_true = np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0], dtype=np.float32)
y_pred = np.array([1.5, 1.8, 3.4, 3.0, 5.2, 6.9, 7.1, 18.0], dtype=np.float32)  # the last prediction is 10 off
delta = 1.0  # Huber: quadratic for |error| <= delta, linear beyond
print("y_true:", " ".join(f"{v:g}" for v in y_true))
print("y_pred:", " ".join(f"{v:g}" for v in y_pred))

targets, preds = torch.tensor(y_true), torch.tensor(y_pred, requires_grad=True)
error = preds - targets
by_hand = {
    "mse": (error**2).mean(),
    "mae": error.abs().mean(),
    "huber": torch.where(error.abs() <= delta, 0.5 * error**2, delta * (error.abs() - 0.5 * delta)).mean(),
}
built_in = {
    "mse": F.mse_loss,
    "mae": F.l1_loss,
    "huber": lambda p, t: F.huber_loss(p, t, delta=delta),
}
for name, loss_fn in built_in.items():
    loss = loss_fn(preds, targets)  # note the order: PyTorch takes (input, target)
    (grad,) = torch.autograd.grad(loss, preds)  # how hard each prediction is pushed
    print(f"{name}: by hand {by_hand[name].item():.6f}, built in {loss.item():.6f}")
    print(f"{name} dloss/dpred:", " ".join(f"{v:.6g}" for v in grad.numpy()))
