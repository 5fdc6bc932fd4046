# %% Settings and data
import numpy as np
import torch
from torch import nn

WIDTH = 64
DEPTH = 10
BATCH = 256
SEED = 0
MAX_NORM = 1.0  # threshold for clipping by global norm
CLIP_VALUE = 0.01  # threshold for clipping by value
print(f"WIDTH: {WIDTH}\nDEPTH: {DEPTH}\nBATCH: {BATCH}\nSEED: {SEED}")
print(f"MAX_NORM: {MAX_NORM}\nCLIP_VALUE: {CLIP_VALUE}")

# %% Data and weights
torch.manual_seed(SEED)  # the layers draw an init first
rng = np.random.default_rng(SEED)
x = torch.from_numpy(rng.standard_normal((BATCH, WIDTH)).astype("float32"))
y = (x.sum(dim=1, keepdim=True) > 0).float()
he = np.sqrt(2 / WIDTH)
# weights twice the He scale: each layer doubles the signal, both ways
draws = [rng.standard_normal((WIDTH, WIDTH)).astype("float32") * 2 * he
         for _ in range(DEPTH)]
draws += [rng.standard_normal((WIDTH, 1)).astype("float32") / 8]

# %% The exploding network
def build():
    blocks = [nn.Sequential(nn.Linear(WIDTH, WIDTH, bias=False), nn.ReLU())
              for _ in range(DEPTH)]
    model = nn.Sequential(*blocks, nn.Linear(WIDTH, 1, bias=False))
    linears = [m for m in model.modules() if isinstance(m, nn.Linear)]
    with torch.no_grad():
        for layer, w in zip(linears, draws):
            layer.weight.copy_(torch.from_numpy(w.T))  # (fan_out, fan_in)
    return model


def gradients(model):
    model.zero_grad()
    loss = nn.functional.binary_cross_entropy_with_logits(model(x), y)
    loss.backward()
    return loss

def flat(model):
    return torch.cat([p.grad.reshape(-1) for p in model.parameters()])

# %% Clipping one gradient
model = build()
loss = gradients(model)
grads = flat(model)
# in place, all gradients together; returns the norm before clipping
norm = nn.utils.clip_grad_norm_(model.parameters(), MAX_NORM)
clipped = flat(model)
gradients(model)  # fresh gradients, then clip each entry on its own
nn.utils.clip_grad_value_(model.parameters(), CLIP_VALUE)
by_value = flat(model)
cosine = nn.functional.cosine_similarity
print(f"loss at the start: {loss.item():.4g}")
print(f"global gradient norm: {norm.item():.5g}")
print(f"norm after clipping by norm: {clipped.norm().item():.6f}")
print(f"cosine(clipped by norm, original): "
      f"{cosine(clipped, grads, dim=0).item():.6f}")
print(f"norm after clipping by value: {by_value.norm().item():.4f}")
print(f"cosine(clipped by value, original): "
      f"{cosine(by_value, grads, dim=0).item():.4f}")

# %% Per tensor or global? One step of SGD at learning rate 1
for name in ("each tensor", "all together"):  # clipnorm, global_clipnorm
    model = build()
    params = list(model.parameters())
    before = torch.cat([p.detach().reshape(-1) for p in params])
    gradients(model)
    groups = [[p] for p in params] if name == "each tensor" else [params]
    for group in groups:
        nn.utils.clip_grad_norm_(group, MAX_NORM)
    torch.optim.SGD(params, lr=1.0).step()
    step = (torch.cat([p.detach().reshape(-1) for p in params]) - before).norm()
    print(f"{name}: tensors {len(params)}, step norm {step:.4f}")
