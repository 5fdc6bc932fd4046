# %% Six samples, four classes
import numpy as np
import torch
import torch.nn.functional as F

SEED = 1
N, K = 6, 4  # samples, classes
print(f"seed: {SEED}, samples: {N}, classes: {K}")
rng = np.random.default_rng(SEED)
logits = np.round(rng.normal(0.0, 2.0, size=(N, K)), 2).astype(np.float32)
labels = rng.integers(0, K, size=N)
for i in range(N):
    print(f"sample {i}: label {labels[i]}, logits",
          " ".join(f"{v:g}" for v in logits[i]))

# %% Categorical cross-entropy five ways
z, targets = torch.tensor(logits, requires_grad=True), torch.tensor(labels)
onehot = F.one_hot(targets, K).float()
p = torch.softmax(z, dim=1)
losses = {
    "by hand from probabilities": -(onehot * torch.log(p)).sum(dim=1).mean(),
    "by hand from logits": (
        torch.logsumexp(z, dim=1) - (onehot * z).sum(dim=1)
    ).mean(),
    # PyTorch has no loss from probabilities: NLL takes log-probabilities
    "built in from probabilities": F.nll_loss(torch.log(p), targets),
    "built in from logits": F.cross_entropy(z, onehot),  # class probabilities
    "built in from logits, integer labels": F.cross_entropy(z, targets),
}
for name, loss in losses.items():
    print(f"{name}: {loss.item():.6f}")

# %% The gradient: (softmax(z) - onehot) / n
(grad,) = torch.autograd.grad(losses["built in from logits, integer labels"], z)
print("dloss/dlogits, sample 0:", " ".join(f"{v:.6f}" for v in grad.numpy()[0]))
