import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn

WIDTH, DEPTH = 256, 20
rng = np.random.default_rng(0)
x = rng.standard_normal((512, WIDTH)).astype("float32")
# one set of standard normal draws, rescaled by each scheme's std
draws = rng.standard_normal((DEPTH, WIDTH, WIDTH)).astype("float32")
schemes = {  # weight std for a square layer, fan_in = fan_out = WIDTH
    "naive N(0, 0.01^2)": 0.01,
    "naive N(0, 1)": 1.0,
    "Xavier": np.sqrt(2 / (WIDTH + WIDTH)),
    "He": np.sqrt(2 / WIDTH),
}
runs = [("tanh", s) for s in ["naive N(0, 0.01^2)", "naive N(0, 1)", "Xavier"]]
runs += [("relu", s) for s in schemes]
act = {"tanh": nn.Tanh(), "relu": nn.ReLU()}

fig, axes = plt.subplots(1, 2, figsize=(10, 4))
panel = dict(zip(["tanh", "relu"], axes))
for activation, scheme in runs:
    layers = nn.ModuleList([nn.Linear(WIDTH, WIDTH, bias=False) for _ in range(DEPTH)])
    with torch.no_grad():
        for layer, z in zip(layers, draws):
            # PyTorch weights are (fan_out, fan_in): transpose the NumPy (fan_in, fan_out) draws
            layer.weight.copy_(torch.from_numpy(z.T) * schemes[scheme])
        h, stds = torch.from_numpy(x), []
        for layer in layers:
            h = act[activation](layer(h))
            # the statistic in float64: exploding activations would overflow float32 when squared
            stds.append(h.double().std(correction=0).item())
    print(f"{activation} {scheme} std by layer:", " ".join(f"{s:.4g}" for s in stds))
    if activation == "tanh":
        saturated = (h.abs() > 0.99).float().mean().item()
        print(f"{activation} {scheme} saturated at layer {DEPTH}: {saturated:.3f}")
    panel[activation].plot(range(1, DEPTH + 1), stds, marker=".", label=scheme)
for activation, ax in panel.items():
    ax.set(title=f"{activation}: activation std per layer", xlabel="layer", yscale="log")
    ax.grid(alpha=0.3)
    ax.legend()
plt.tight_layout()
plt.show()
