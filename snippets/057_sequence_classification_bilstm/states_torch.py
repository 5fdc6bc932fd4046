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

# %% One layer, two views: every step, and the final states
torch.manual_seed(SEED)
lstm = nn.LSTM(FEATURES, UNITS, batch_first=True, bidirectional=True)
with torch.no_grad():
    seq, (h_n, c_n) = lstm(x)  # seq: (batch, steps, 2 * UNITS)
seq = seq.numpy()
print("h_n shape (layers * directions, batch, units):", tuple(h_n.shape))
final = torch.cat([h_n[-2], h_n[-1]], dim=1).numpy()  # last layer's two
print("every step:", seq.shape, " final:", final.shape)

# %% Which steps the final output comes from
last_forward = seq[:, -1, :UNITS]  # forward LSTM after step T-1
last_backward = seq[:, 0, UNITS:]  # backward LSTM after step 0
combined = np.concatenate([last_forward, last_backward], axis=1)
diff = np.abs(final - combined).max()
print(f"final vs [forward at step T-1 ; backward at step 0]: {diff:.1e}")
print("within tolerance:", bool(diff < TOLERANCE))

# %% The pitfall: the last step of the sequence output
wrong = np.abs(final - seq[:, -1]).max()
print(f"final vs the sequence output at step T-1: {wrong:.1e}")
print("forward half agrees:",
      bool(np.abs(final[:, :UNITS] - seq[:, -1, :UNITS]).max() < TOLERANCE))
print("backward half agrees:",
      bool(np.abs(final[:, UNITS:] - seq[:, -1, UNITS:]).max() < TOLERANCE))

# %% Two layers: the final states are the top layer's
torch.manual_seed(SEED)
deep = nn.LSTM(FEATURES, UNITS, num_layers=2, batch_first=True,
               bidirectional=True)
with torch.no_grad():
    seq2, (h_n2, _) = deep(x)
seq2 = seq2.numpy()
print("two layers, h_n shape:", tuple(h_n2.shape))  # l0 fwd, l0 bwd, l1 ...
final2 = torch.cat([h_n2[-2], h_n2[-1]], dim=1).numpy()
ends = np.concatenate([seq2[:, -1, :UNITS], seq2[:, 0, UNITS:]], axis=1)
print("two layers, final shape:", final2.shape)
print(f"two layers, final vs the top layer's ends: "
      f"{np.abs(final2 - ends).max():.1e}")
first = nn.LSTM(FEATURES, UNITS, batch_first=True, bidirectional=True)
first.load_state_dict({k: v for k, v in deep.state_dict().items()
                       if "_l0" in k})  # layer 0's weights, both directions
with torch.no_grad():
    seq1 = first(x)[0].numpy()
ends1 = np.concatenate([seq1[:, -1, :UNITS], seq1[:, 0, UNITS:]], axis=1)
print(f"two layers, h_n[0], h_n[1] vs the first layer's ends: "
      f"{np.abs(torch.cat([h_n2[0], h_n2[1]], 1).numpy() - ends1).max():.1e}")
