import numpy as np
import torch
from torch import nn

WIDTH, DEPTH, MAX_NORM = 64, 10, 1.0
rng = np.random.default_rng(0)
x = torch.from_numpy(rng.standard_normal((256, WIDTH)).astype("float32"))
y = (x.sum(dim=1, keepdim=True) > 0).float()
# weights twice the He scale: every layer doubles the signal, forward and backward
draws = [rng.standard_normal((WIDTH, WIDTH)).astype("float32") * 2 * np.sqrt(2 / WIDTH)
         for _ in range(DEPTH)] + [rng.standard_normal((WIDTH, 1)).astype("float32") / 8]


def build():
    blocks = [nn.Sequential(nn.Linear(WIDTH, WIDTH, bias=False), nn.ReLU()) for _ in range(DEPTH)]
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


model = build()
loss = gradients(model)
grads = flat(model)
norm = nn.utils.clip_grad_norm_(model.parameters(), MAX_NORM)  # in place; returns the norm before
clipped = flat(model)
gradients(model)  # fresh gradients, then clip them by value instead
nn.utils.clip_grad_value_(model.parameters(), 0.01)  # clips each entry on its own
by_value = flat(model)
cosine = nn.functional.cosine_similarity
print(f"loss at the start: {loss.item():.4g}")
print(f"global gradient norm: {norm.item():.5g}")
print(f"after clip_grad_norm_({MAX_NORM}): {clipped.norm().item():.6f}")
print(f"cosine(clipped, original): {cosine(clipped, grads, dim=0).item():.6f}")
print(f"after clip_grad_value_(0.01): norm {by_value.norm().item():.4f},",
      f"cosine with original {cosine(by_value, grads, dim=0).item():.4f}")

for clip in (False, True):  # 20 steps of plain SGD, without and with clipping
    model, losses = build(), []
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    for step in range(20):
        loss = gradients(model)
        if clip:
            nn.utils.clip_grad_norm_(model.parameters(), MAX_NORM)
        opt.step()
        losses.append(loss.item())
    label = "with clipping" if clip else "no clipping"
    print(f"{label}, loss at steps 0-4:", " ".join(f"{v:.4g}" for v in losses[:5]))
    print(f"{label}, loss at step 19: {losses[-1]:.4g}")
