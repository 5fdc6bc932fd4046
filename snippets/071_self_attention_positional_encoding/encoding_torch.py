# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn

MAX_LEN = 64  # positions 0 .. 63
D_MODEL = 32  # dimensions of the encoding, even
BASE = 10000.0  # Vaswani et al. (2017)
OFFSET = 3  # the k in PE[pos + k] = PE[pos] @ M_k
for name in ["MAX_LEN", "D_MODEL", "BASE", "OFFSET"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
found = [n for n in dir(nn) if "position" in n.lower()]
print(f"torch.nn named *position*: {found}")

# %% Sinusoidal positional encoding, sin and cos interleaved
def positional_encoding(max_len, d_model):
    pos = torch.arange(max_len, dtype=torch.float32)[:, None]  # (max_len, 1)
    two_i = torch.arange(0, d_model, 2, dtype=torch.float32)  # 0, 2, 4, ...
    omega = 1.0 / BASE ** (two_i / d_model)  # one frequency per pair
    angle = pos * omega  # (max_len, d_model / 2)
    pairs = torch.stack([torch.sin(angle), torch.cos(angle)], dim=-1)
    return pairs.reshape(max_len, d_model), omega  # 2i: sin, 2i+1: cos

pe, omega = positional_encoding(MAX_LEN, D_MODEL)
pe = pe.numpy()
print(f"encoding shape: {pe.shape}")
print("position 0, dims 0-7:", np.round(pe[0, :8], 3))
print("position 1, dims 0-7:", np.round(pe[1, :8], 3))
print(f"smallest, largest value: {pe.min():.3f} {pe.max():.3f}")
wave = 2 * np.pi / omega.numpy()  # wavelength of each pair, in positions
print(f"wavelengths: {wave[0]:.2f} to {wave[-1]:.0f} positions")

# %% An offset is a rotation: PE[pos + k] = PE[pos] @ M_k for every pos
c, s = np.cos(OFFSET * omega.numpy()), np.sin(OFFSET * omega.numpy())
M = np.zeros((D_MODEL, D_MODEL), dtype=np.float32)  # block diagonal
M[0::2, 0::2], M[1::2, 0::2] = np.diag(c), np.diag(s)
M[0::2, 1::2], M[1::2, 1::2] = np.diag(-s), np.diag(c)
gap = np.abs(pe[OFFSET:] - pe[:-OFFSET] @ M).max()
print(f"max |PE[pos+{OFFSET}] - PE[pos] @ M_{OFFSET}|, all pos: {gap:.1e}")
dots = pe @ pe.T  # PE[p] . PE[q] = sum_i cos(omega_i (p - q))
for p in (10, 40):
    print(f"PE[{p}] . PE[{p}+j], j=0..6:", np.round(dots[p, p:p + 7], 2))

# %% The encoding as an image
fig, ax = plt.subplots(figsize=(6, 4))
im = ax.imshow(pe, aspect="auto", cmap="RdBu", vmin=-1, vmax=1)
ax.set(xlabel="dimension (even: sin, odd: cos)", ylabel="position")
ax.set_title(f"Sinusoidal positional encoding, {MAX_LEN} positions "
             f"x {D_MODEL} dimensions")
fig.colorbar(im, ax=ax)
plt.show()
