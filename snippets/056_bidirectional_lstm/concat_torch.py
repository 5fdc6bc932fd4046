# %% Settings
import numpy as np
import torch
from torch import nn

DATA_SEED = 0  # the input sequences
SEED = 0  # the layer's initial weights
BATCH, TIME_STEPS, FEATURES = 2, 5, 3
UNITS = 4  # per direction
TOLERANCE = 1e-6  # max abs difference allowed, float32
for name in ["DATA_SEED", "SEED", "BATCH", "TIME_STEPS", "FEATURES", "UNITS",
             "TOLERANCE"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
x = torch.tensor(np.random.default_rng(DATA_SEED).normal(
    size=(BATCH, TIME_STEPS, FEATURES)), dtype=torch.float32)

# %% The built-in bidirectional layer
torch.manual_seed(SEED)
bi = nn.LSTM(FEATURES, UNITS, batch_first=True, bidirectional=True)
with torch.no_grad():
    out = bi(x)[0].numpy()  # (output, (h_n, c_n)); output concatenates
print("input shape:", tuple(x.shape))
print("output shape:", out.shape)
print("forward weights:", [tuple(w.shape) for n, w in bi.named_parameters()
                           if not n.endswith("_reverse")])
print("backward weights end in _reverse:",
      [n for n, _ in bi.named_parameters() if n.endswith("_reverse")] != [])

# %% Two one-directional LSTMs with the same weights
forward = nn.LSTM(FEATURES, UNITS, batch_first=True)
backward = nn.LSTM(FEATURES, UNITS, batch_first=True)
state = bi.state_dict()
forward.load_state_dict({k: v for k, v in state.items() if "_reverse" not in k})
backward.load_state_dict({k.removesuffix("_reverse"): v
                          for k, v in state.items() if "_reverse" in k})
with torch.no_grad():
    h_forward = forward(x)[0].numpy()  # reads steps 0, 1, ..., T-1
    h_backward = backward(x.flip(1))[0].flip(1).numpy()  # reads T-1, ..., 0
by_hand = np.concatenate([h_forward, h_backward], axis=-1)
diff = np.abs(out - by_hand).max()
print(f"max abs difference, [forward ; backward] vs built-in: {diff:.1e}")
print("within tolerance:", bool(diff < TOLERANCE))
print("forward half equals forward LSTM:",
      bool(np.abs(out[..., :UNITS] - h_forward).max() < TOLERANCE))

# %% What each half has read at step t
t = 1
x_cut = x.clone()
x_cut[:, t + 1:] = 0.0  # change only the steps after t
with torch.no_grad():
    out_cut = bi(x_cut)[0].numpy()
change = np.abs(out_cut[:, t] - out[:, t])
print(f"step {t} after changing later steps, forward half changed by "
      f"{change[:, :UNITS].max():.1e}")
print(f"step {t} after changing later steps, backward half changed by "
      f"{change[:, UNITS:].max():.1e}")

# %% The parameter cost: two LSTMs
one = sum(p.numel() for p in forward.parameters())
print("parameters, one LSTM:", one)
print("parameters, bidirectional:", sum(p.numel() for p in bi.parameters()))
print("ratio:", sum(p.numel() for p in bi.parameters()) / one)
print(f"formula 4 * (units * (features + units) + 2 * units): "
      f"{4 * (UNITS * (FEATURES + UNITS) + 2 * UNITS)}")
