# %% Settings and data
import numpy as np
import torch
from torch import nn

BATCH = 16
EPSILON = 1e-5  # matched in both frameworks
KEEP = 0.9  # share of the old running value kept at each update
SEED = 0
print(f"BATCH: {BATCH}\nEPSILON: {EPSILON}\nKEEP: {KEEP}\nSEED: {SEED}")
rng = np.random.default_rng(SEED)
X = rng.normal(loc=[0.0, 5.0, -3.0], scale=[1.0, 2.0, 0.5],
               size=(BATCH, 3)).astype(np.float32)
gamma = rng.uniform(0.5, 1.5, 3).astype(np.float32)
beta = rng.normal(size=3).astype(np.float32)
np.set_printoptions(precision=6, suppress=True)

# %% The defaults
default = nn.BatchNorm1d(3)
print(f"default momentum: {default.momentum}")
print(f"default epsilon: {default.eps}")

# %% A layer with matched settings and the same gamma, beta
# PyTorch: running = (1 - momentum) * running + momentum * batch statistic,
# so momentum is the share replaced (Keras's momentum is the share kept)
bn = nn.BatchNorm1d(3, momentum=0.1, eps=EPSILON)  # twins differ: 1 - KEEP
with torch.no_grad():
    bn.weight.copy_(torch.tensor(gamma))
    bn.bias.copy_(torch.tensor(beta))
x = torch.tensor(X)

# %% Training mode: this batch's mean and biased variance
bn.train()
out = bn(x).detach().numpy()
expected = gamma * (X - X.mean(0)) / np.sqrt(X.var(0) + EPSILON) + beta
print("training output, sample 0:", out[0])
gap = np.abs(out - expected).max()
print(f"training: max gap to batch-statistics formula: {gap:.1e}")

# %% The running statistics after that one step
running_mean = bn.running_mean.numpy().copy()  # started at 0
running_var = bn.running_var.numpy().copy()  # started at 1
print("running mean after one step:", running_mean)
print("running var after one step: ", running_var)
# the batch variance that went into the update
batch_var = (running_var - KEEP * 1.0) / (1 - KEEP)
print("update variance / biased batch variance:", batch_var / X.var(0))

# %% Inference mode: the running statistics
bn.eval()
out = bn(x).detach().numpy()
expected = (gamma * (X - running_mean) / np.sqrt(running_var + EPSILON)
            + beta)
gap = np.abs(out - expected).max()
print(f"inference: max gap to running-statistics formula: {gap:.1e}")

# %% Inference with the same running statistics in both frameworks
with torch.no_grad():  # those of the distribution X was drawn from
    bn.running_mean.copy_(torch.tensor([0.0, 5.0, -3.0]))
    bn.running_var.copy_(torch.tensor([1.0, 4.0, 0.25]))
out = bn(x).detach().numpy()
print("inference, shared statistics, sample 0:", out[0])

# %% Two pitfalls: a batch of one, and freezing the layer
bn.train()
try:
    bn(x[:1])
    print("batch of one, training: runs")
except ValueError as error:
    print(f"batch of one, training: {str(error).split(',')[0]}")
before = bn.running_mean.clone()
bn.requires_grad_(False)  # frozen gamma, beta; the mode is still training
frozen = bn(x).detach().numpy()
bn.eval()
inference = bn(x).detach().numpy()
print(f"frozen layer, training call equals inference: "
      f"{np.array_equal(frozen, inference)}")
changed = not torch.equal(bn.running_mean, before)
print(f"frozen layer, training call changes the running mean: {changed}")

# %% Porting without matching epsilon: 1e-3 (Keras's default) against 1e-5
X4 = np.c_[X, 0.01 * X[:, :1]]  # a fourth feature, of variance about 1e-4
outs = []
for eps in (1e-3, EPSILON):  # the same running statistics for both
    layer = nn.BatchNorm1d(4, eps=eps).eval()
    layer.running_mean.copy_(torch.tensor([0.0, 5.0, -3.0, 0.0]))
    layer.running_var.copy_(torch.tensor([1.0, 4.0, 0.25, 1e-4]))
    with torch.no_grad():
        outs.append(layer(torch.tensor(X4)).numpy())
print("running variances:", layer.running_var.numpy())
print("epsilon gap per feature:", np.abs(outs[0] - outs[1]).max(axis=0))
