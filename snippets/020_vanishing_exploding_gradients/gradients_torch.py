import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn

WIDTH, DEPTH = 64, 20
rng = np.random.default_rng(0)
x = rng.standard_normal((256, WIDTH)).astype("float32")
y = (x.sum(axis=1, keepdims=True) > 0).astype("float32")  # a simple binary target
draws = rng.standard_normal((DEPTH, WIDTH, WIDTH)).astype("float32")  # shared by all three nets
head = rng.standard_normal((WIDTH, 1)).astype("float32") / np.sqrt(WIDTH)
nets = [("sigmoid", "Xavier", np.sqrt(1 / WIDTH)),
        ("relu", "Xavier", np.sqrt(1 / WIDTH)),
        ("relu", "He", np.sqrt(2 / WIDTH))]
act = {"sigmoid": nn.Sigmoid(), "relu": nn.ReLU()}

fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
for activation, init, std in nets:
    layers = nn.ModuleList([nn.Linear(WIDTH, WIDTH, bias=False) for _ in range(DEPTH)])
    out = nn.Linear(WIDTH, 1, bias=False)
    with torch.no_grad():  # PyTorch weights are (fan_out, fan_in): transpose the NumPy draws
        for layer, z in zip(layers, draws):
            layer.weight.copy_(torch.from_numpy(z.T) * std)
        out.weight.copy_(torch.from_numpy(head.T))
    h, hidden = torch.from_numpy(x), []
    for layer in layers:
        h = act[activation](layer(h))
        hidden.append(h)
    loss = nn.functional.binary_cross_entropy_with_logits(out(h), torch.from_numpy(y))
    grads = torch.autograd.grad(loss, [layer.weight for layer in layers] + hidden)
    weight_norms = [g.norm().item() for g in grads[:DEPTH]]  # dL/dW for each layer
    signal_norms = [g.norm().item() for g in grads[DEPTH:]]  # dL/dh, the gradient flowing back
    name = f"{activation}, {init}"
    print(f"{name} dL/dW norm by layer:", " ".join(f"{v:.4g}" for v in weight_norms))
    print(f"{name} dL/dh norm by layer:", " ".join(f"{v:.4g}" for v in signal_norms))
    print(f"{name} first / last dL/dW norm: {weight_norms[0] / weight_norms[-1]:.4g}")
    if activation == "relu":  # units that output 0 for every input pass no gradient at all
        off = (hidden[-1] <= 0).all(dim=0)
        print(f"{name} units off for every input at layer {DEPTH}:",
              f"{off.float().mean().item():.3f}")
    left.plot(range(1, DEPTH + 1), weight_norms, marker=".", label=name)
    right.plot(range(1, DEPTH + 1), signal_norms, marker=".", label=name)
left.set(title="weight gradient norm ||dL/dW||", xlabel="layer", yscale="log")
right.set(title="gradient flowing back ||dL/dh||", xlabel="layer", yscale="log")
for ax in (left, right):
    ax.grid(alpha=0.3)
    ax.legend()
plt.tight_layout()
plt.show()
