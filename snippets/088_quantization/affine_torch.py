# %% Settings: the layer's size, the batch, the int8 range
import warnings

import numpy as np
import torch
from torch import nn

SEED = 0  # the layer's initial weights
N_IN, N_OUT = 784, 128  # a dense layer of the MNIST model below
N_BATCH = 32  # random inputs in [0, 1), like pixels
QMIN, QMAX = -128, 127  # int8
for name in ["SEED", "N_IN", "N_OUT", "N_BATCH", "QMIN", "QMAX"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% One layer and its activations on random inputs
torch.manual_seed(SEED)
layer = nn.Linear(N_IN, N_OUT)
W = layer.weight.detach().numpy()  # N_OUT x N_IN, float32
print(f"weights: {W.shape}, min {W.min():.5f}, max {W.max():.5f}")
x = np.random.default_rng(SEED).random((N_BATCH, N_IN), dtype=np.float32)
with torch.no_grad():  # activations after ReLU: all >= 0, not symmetric
    A = torch.relu(layer(torch.from_numpy(x))).numpy()
print(f"activations: {A.shape}, min {A.min():.5f}, max {A.max():.5f}")

# %% Affine quantization by hand: w = scale * (q - zero_point)
scale = np.float32((A.max() - A.min()) / (QMAX - QMIN))
zero_point = int(np.round(QMIN - A.min() / scale))
q = np.clip(np.round(A / scale) + zero_point, QMIN, QMAX).astype(np.int8)
A_hat = scale * (q.astype(np.float32) - zero_point)
error = np.abs(A - A_hat).max()
print(f"scale: {scale:.4e}, zero point: {zero_point}")
print(f"q range: {q.min()} to {q.max()}")
print(f"round-trip error: max {error:.4e}, scale/2 {scale / 2:.4e}")
print("error within scale/2:", bool(error <= scale / 2 * (1 + 1e-6)))

# %% The same integers from the framework's quantizer
# Quantized tensors (torch.qint8) are deprecated in favour of torchao; the
# warning says so. We silence exactly that warning, here and below, because
# the page explains it; every other warning still reaches you.
warnings.filterwarnings("ignore", message=r"torch\.quantize_per_tensor")
q_fw = torch.quantize_per_tensor(torch.from_numpy(A), float(scale),
                                 zero_point, torch.qint8).int_repr().numpy()
print(f"integers unlike the framework's: {(q_fw != q).sum()} of {q.size}")

# %% Dynamic int8 in the framework: the layer's weights become int8
warnings.filterwarnings(  # torch.ao.quantization is deprecated (torchao)
    "ignore", message=r"torch\.ao\.quantization is deprecated",
    category=DeprecationWarning)
model = torch.ao.quantization.quantize_dynamic(
    nn.Sequential(layer), {nn.Linear}, dtype=torch.qint8)
weight = model[0].weight()  # a quantized tensor
print(f"scheme: {weight.qscheme()}, 1 scale, "
      f"zero points {[weight.q_zero_point()]}")

# %% The same integers by hand: symmetric, zero point 0
sym_scale = np.float32(np.abs(W).max() / 127.5)  # twins differ: per tensor
q_sym = np.clip(np.round(W / sym_scale), QMIN, QMAX)
print(f"scales: max relative difference "
      f"{abs(sym_scale / weight.q_scale() - 1):.1e}")
q_fw = weight.int_repr().numpy()
print(f"integers unlike the framework's: {(q_fw != q_sym).sum()} of {W.size}")
sym_error = np.abs(W - sym_scale * q_sym).max()
half_steps = sym_error / (sym_scale / 2)  # one scale for the whole tensor
print(f"round-trip error: max {sym_error:.4e}, "
      f"in half steps {half_steps:.6f}")
print("error within scale/2:", bool(half_steps <= 1 + 1e-6))
