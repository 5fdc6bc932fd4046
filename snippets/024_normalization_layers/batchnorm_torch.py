import numpy as np
import torch
from torch import nn

rng = np.random.default_rng(0)
n = 16  # batch size
X = rng.normal(loc=[0.0, 5.0, -3.0], scale=[1.0, 2.0, 0.5], size=(n, 3)).astype(np.float32)
gamma, beta = rng.uniform(0.5, 1.5, 3).astype(np.float32), rng.normal(size=3).astype(np.float32)
np.set_printoptions(precision=6, suppress=True)
default = nn.BatchNorm1d(3)
print("defaults: momentum", default.momentum, "eps", default.eps)

# PyTorch: running = (1 - momentum) * running + momentum * batch statistic.
# momentum=0.1 keeps 0.9 of the old value, like Keras' momentum=0.9.
bn = nn.BatchNorm1d(3, momentum=0.1, eps=1e-5)
with torch.no_grad():
    bn.weight.copy_(torch.tensor(gamma))
    bn.bias.copy_(torch.tensor(beta))
x = torch.tensor(X)

bn.train()  # training mode: normalise with this batch's mean and (biased) variance
out = bn(x).detach().numpy()
expected = gamma * (X - X.mean(0)) / np.sqrt(X.var(0) + 1e-5) + beta
print("training output, sample 0:", out[0])
print(f"training: max gap to batch-statistics formula: {np.abs(out - expected).max():.1e}")
running_mean, running_var = bn.running_mean.numpy().copy(), bn.running_var.numpy().copy()
print("running mean after one step:", running_mean)  # started at 0
print("running var after one step:", running_var)  # started at 1
batch_var = (running_var - 0.9 * 1.0) / 0.1  # the batch variance that went into the update
print("variance in the update / biased batch variance:", batch_var / X.var(0))

bn.eval()  # inference mode: normalise with the running statistics
out = bn(x).detach().numpy()
expected = gamma * (X - running_mean) / np.sqrt(running_var + 1e-5) + beta
print(f"inference: max gap to running-statistics formula: {np.abs(out - expected).max():.1e}")

# Same running statistics in both frameworks (those of the distribution X was drawn from)
with torch.no_grad():
    bn.running_mean.copy_(torch.tensor([0.0, 5.0, -3.0]))
    bn.running_var.copy_(torch.tensor([1.0, 4.0, 0.25]))
print("inference output with shared statistics, sample 0:", bn(x).detach().numpy()[0])
