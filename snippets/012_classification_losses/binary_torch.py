# %% Eight logits and their labels
import numpy as np
import torch
import torch.nn.functional as F

logits = np.array([2.5, -1.0, 0.3, -3.2, 4.0, 0.0, -0.7, 1.6], dtype=np.float32)
labels = np.array([1, 0, 0, 0, 1, 1, 1, 0], dtype=np.float32)
print("logits:", " ".join(f"{v:g}" for v in logits))
print("labels:", " ".join(f"{v:g}" for v in labels))

# %% Binary cross-entropy four ways
z, y = torch.tensor(logits, requires_grad=True), torch.tensor(labels)
p = torch.sigmoid(z)
losses = {
    "by hand from probabilities": -(
        y * torch.log(p) + (1 - y) * torch.log(1 - p)
    ).mean(),
    # max(z, 0) - yz + log(1 + e^-|z|)
    "by hand from logits": (
        z.clamp(min=0.0) - z * y + torch.log1p(torch.exp(-z.abs()))
    ).mean(),
    "built in from probabilities": F.binary_cross_entropy(p, y),
    "built in from logits": F.binary_cross_entropy_with_logits(z, y),
}
for name, loss in losses.items():
    print(f"{name}: {loss.item():.6f}")

# %% The gradient: (sigmoid(z) - y) / n
(grad,) = torch.autograd.grad(losses["built in from logits"], z)
print("dloss/dlogits:", " ".join(f"{v:.6f}" for v in grad.numpy()[:4]))
print("              ", " ".join(f"{v:.6f}" for v in grad.numpy()[4:]))
