import numpy as np
import torch
import torch.nn.functional as F

rng = np.random.default_rng(1)
logits = np.round(rng.normal(0.0, 2.0, size=(6, 4)), 2).astype(np.float32)  # 6 samples, 4 classes
labels = rng.integers(0, 4, size=6)
for i in range(6):
    print(f"sample {i}: label {labels[i]}, logits", " ".join(f"{v:g}" for v in logits[i]))

z, targets = torch.tensor(logits, requires_grad=True), torch.tensor(labels)
onehot = F.one_hot(targets, 4).float()
p = torch.softmax(z, dim=1)
losses = {
    "by hand from probabilities": -(onehot * torch.log(p)).sum(dim=1).mean(),
    "by hand from logits": (torch.logsumexp(z, dim=1) - (onehot * z).sum(dim=1)).mean(),
    "built in from probabilities": F.nll_loss(torch.log(p), targets),  # NLL takes log-probabilities
    "built in from logits": F.cross_entropy(z, onehot),  # class probabilities as targets
    "built in from logits, integer labels": F.cross_entropy(z, targets),
}
for name, loss in losses.items():
    print(f"{name}: {loss.item():.6f}")
(grad,) = torch.autograd.grad(losses["built in from logits, integer labels"], z)  # (softmax(z) - onehot) / n
print("dloss/dlogits, sample 0:", " ".join(f"{v:.6f}" for v in grad.numpy()[0]))
