import torch
import torch.nn.functional as F

# Binary: a negative example (label 0) with logit 50. Exact loss log(1 + e^50) = 50, gradient sigmoid(50) = 1.
z, y = torch.tensor([50.0], requires_grad=True), torch.tensor([0.0])
p = torch.sigmoid(z)
losses = {
    "by hand from probabilities": -(y * torch.log(p) + (1 - y) * torch.log(1 - p)).mean(),
    "built in from probabilities": F.binary_cross_entropy(p, y),
    "built in from logits": F.binary_cross_entropy_with_logits(z, y),
}
print("sigmoid(50) in float32:", p[0].item())
for name, loss in losses.items():
    (grad,) = torch.autograd.grad(loss, z, retain_graph=True)
    print(f"binary, {name}: loss {loss.item():.4f}, gradient {grad[0].item():.4f}")

# Categorical: logits (1000, 0, -1000), true class 1. Exact loss 1000, gradient (1, -1, 0).
z, targets = torch.tensor([[1000.0, 0.0, -1000.0]], requires_grad=True), torch.tensor([1])
onehot = F.one_hot(targets, 3).float()
naive = torch.exp(z) / torch.exp(z).sum(dim=1, keepdim=True)  # exp(1000) overflows to inf
p = torch.softmax(z, dim=1)  # subtracts the max first: (1, 0, 0), no overflow
losses = {
    "by hand, naive softmax": -(onehot * torch.log(naive)).sum(dim=1).mean(),
    "built in from probabilities": F.nll_loss(torch.log(p), targets),
    "built in from logits": F.cross_entropy(z, targets),
}
print("naive softmax:", naive.detach().numpy()[0], "stable softmax:", p.detach().numpy()[0])
for name, loss in losses.items():
    (grad,) = torch.autograd.grad(loss, z, retain_graph=True)
    print(f"categorical, {name}: loss {loss.item():.4f}, gradient", " ".join(f"{v:.4f}" for v in grad.numpy()[0]))
