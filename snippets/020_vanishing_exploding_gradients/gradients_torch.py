# %% Settings and data
import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn

WIDTH = 64  # units per layer
DEPTH = 20  # layers
BATCH = 256  # random inputs with a binary target
SEED = 0
print(f"WIDTH: {WIDTH}\nDEPTH: {DEPTH}\nBATCH: {BATCH}\nSEED: {SEED}")
torch.manual_seed(SEED)  # the layers draw an init first
rng = np.random.default_rng(SEED)
x = rng.standard_normal((BATCH, WIDTH)).astype("float32")
y = (x.sum(axis=1, keepdims=True) > 0).astype("float32")
# one set of draws shared by all three nets, rescaled by each net's std
draws = rng.standard_normal((DEPTH, WIDTH, WIDTH)).astype("float32")
head = rng.standard_normal((WIDTH, 1)).astype("float32") / np.sqrt(WIDTH)
nets = {"sigmoid Xavier": ("sigmoid", np.sqrt(1 / WIDTH)),
        "relu Xavier": ("relu", np.sqrt(1 / WIDTH)),
        "relu He": ("relu", np.sqrt(2 / WIDTH))}

# %% A stack with the shared weights
def build(activation, std):
    layers = [nn.Linear(WIDTH, WIDTH, bias=False) for _ in range(DEPTH)]
    out = nn.Linear(WIDTH, 1, bias=False)
    with torch.no_grad():  # PyTorch weights are (fan_out, fan_in): transpose
        for layer, z in zip(layers, draws):
            layer.weight.copy_(torch.from_numpy(z.T) * std)
        out.weight.copy_(torch.from_numpy(head.T))
    return layers, out

# %% Gradient norms at every layer
def gradient_norms(activation, std):
    layers, out = build(activation, std)
    act = nn.Sigmoid() if activation == "sigmoid" else nn.ReLU()
    h, hidden = torch.from_numpy(x), []
    for layer in layers:
        h = act(layer(h))
        hidden.append(h)
    loss = nn.functional.binary_cross_entropy_with_logits(
        out(h), torch.from_numpy(y))
    weights = [layer.weight for layer in layers]
    grads = torch.autograd.grad(loss, weights + hidden)
    # units that output 0 for every input pass no gradient at all
    off = (hidden[-1] <= 0).all(dim=0).float().mean().item()
    # the input of each layer, h_0 = x to h_19, and its mean at layer 20
    inputs = [torch.from_numpy(x)] + hidden[:-1]
    forward = ([h.norm().item() for h in inputs], inputs[-1].mean().item())
    return ([g.norm().item() for g in grads[:DEPTH]],  # dL/dW, each layer
            [g.norm().item() for g in grads[DEPTH:]], off, forward)

# %% Three nets, summarised
results = {name: gradient_norms(*net) for name, net in nets.items()}
print(f"{'net':14} {'dW 1':>8} {'dW 20':>8} {'dW 1/20':>8} {'dh 20/1':>8} "
      f"{'dh gain':>7} {'dh max':>8} {'off':>6}")
print(f"{'':14} {'':>8} {'':>8} {'':>8} {'':>8} {'/layer':>7} "
      f"{'/ min':>8} {'at 20':>6}")
for name, (weight, signal, off, _) in results.items():
    gain = (signal[0] / signal[-1]) ** (1 / (DEPTH - 1))
    print(f"{name:14} {weight[0]:8.3g} {weight[-1]:8.3g} "
          f"{weight[0] / weight[-1]:8.3g} {signal[-1] / signal[0]:8.3g} "
          f"{gain:7.3g} {max(signal) / min(signal):8.3g} {off:6.3f}")
ratio = min(a / b for a, b in zip(results["relu He"][0],
                                   results["relu Xavier"][0]))
print(f"smallest He / Xavier ratio of relu dW over layers: {ratio:.3g}")
print(f"sigmoid bound over 19 layers, (1/4)^19: {0.25 ** (DEPTH - 1):.3g}")

# %% The forward signal: the input h_(l-1) of layers 1 and 20
print(f"{'forward':23} {'||h_0||':>8} {'||h_19||':>9} {'h_0/h_19':>9} "
      f"{'mean h_19':>9}")
for name, (*_, (norms, mean)) in results.items():
    print(f"{'forward, ' + name:23} {norms[0]:8.4g} {norms[-1]:9.3g} "
          f"{norms[0] / norms[-1]:9.3g} {mean:9.3g}")

# %% Every layer
print(f"{'':5} {' dL/dW ':-^29} {' dL/dh ':-^29}")
short = ["sig Xav", "relu Xav", "relu He"]
print(f"{'layer':5}" + "".join(f"{n:>10}" for n in short) * 2)
for i in range(DEPTH):
    row = [results[n][0][i] for n in nets] + [results[n][1][i] for n in nets]
    print(f"{i + 1:5}" + "".join(f"{v:10.3g}" for v in row))

# %% Figure
fig, axes = plt.subplots(1, 2, figsize=(10, 4))
for k, (ax, title) in enumerate(zip(axes, ("weight gradient ||dL/dW||",
                                           "gradient flowing back ||dL/dh||"))):
    for name in nets:
        ax.plot(range(1, DEPTH + 1), results[name][k], marker=".", label=name)
    ax.set(xlabel="layer", yscale="log")
    ax.set_title(f"{title} per layer, three nets")
    ax.grid(alpha=0.3)
    ax.legend()
plt.tight_layout()
plt.show()
