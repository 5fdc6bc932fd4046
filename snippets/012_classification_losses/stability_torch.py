# %% Two confidently wrong examples
import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

LOGIT, LABEL = 50.0, 0.0  # binary: exact loss 50, gradient 1
LOGITS, TRUE_CLASS = (1000.0, 0.0, -1000.0), 1  # exact loss 1000
print(f"binary logit: {LOGIT}, label: {LABEL}")
print(f"categorical logits: {LOGITS}, true class: {TRUE_CLASS}")
z, y = torch.tensor([LOGIT], requires_grad=True), torch.tensor([LABEL])
p = torch.sigmoid(z)
print("sigmoid(50) in float32:", float(p[0]))
print("its derivative p(1 - p) in float32:", float(p[0] * (1 - p[0])))
gap = 1 - np.float32(1 - 1e-7)  # what Keras clips 1 - p to, in float32
print(f"1 - float32(1 - 1e-7): {gap:.3g}")


def show(name, loss, grad):
    print(f"{name}: loss {float(loss):.4f}, grad",
          " ".join(f"{v:.4f}" for v in np.ravel(grad.detach().numpy())))


# %% Binary cross-entropy three ways, eagerly
losses = {
    "by hand from probs": lambda p: -(
        y * torch.log(p) + (1 - y) * torch.log(1 - p)).mean(),
    "built in from probs": lambda p: F.binary_cross_entropy(p, y),
    "built in from logits": lambda p: F.binary_cross_entropy_with_logits(z, y),
}
for name, loss_fn in losses.items():
    p = torch.sigmoid(z)
    p.retain_grad()  # keep dloss/dp as well
    loss = loss_fn(p)
    z.grad = None
    loss.backward()
    show(f"binary, {name}", loss, z.grad)
    if name == "built in from probs":  # where the zero comes from
        print(f"  dloss/dp: {float(p.grad[0]):.3g}")

# %% The same probability loss after a sigmoid the framework can see
model = nn.Sequential(nn.Sigmoid())
loss = nn.BCELoss()(model(z), y)
(grad,) = torch.autograd.grad(loss, z)
show("binary, nn.Sigmoid then nn.BCELoss", loss, grad)

# %% Categorical cross-entropy three ways
z = torch.tensor([LOGITS], requires_grad=True)
target = torch.tensor([TRUE_CLASS])
onehot = F.one_hot(target, len(LOGITS)).float()
naive = lambda z: torch.exp(z) / torch.exp(z).sum()  # exp(1000) = inf
stable = torch.softmax(z, dim=1)  # subtracts the max first: no overflow
print("naive softmax:", naive(z).detach().numpy()[0],
      "stable:", stable.detach().numpy()[0])
losses = {
    "by hand, naive softmax": lambda: -(
        onehot * torch.log(naive(z))).sum(),  # one example: sum is the mean
    "built in from probs": lambda: F.nll_loss(
        torch.log(torch.softmax(z, dim=1)), target),
    "built in from logits": lambda: F.cross_entropy(z, target),
}
for name, loss_fn in losses.items():
    loss = loss_fn()
    (grad,) = torch.autograd.grad(loss, z)
    show(f"categorical, {name}", loss, grad)

# %% The same probability loss after a softmax the framework can see
model = nn.Sequential(nn.Softmax(dim=1))
loss = nn.NLLLoss()(torch.log(model(z)), target)
(grad,) = torch.autograd.grad(loss, z)
show("categorical, nn.Softmax then NLL of log", loss, grad)
