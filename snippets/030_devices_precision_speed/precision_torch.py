# %% Settings
import numpy as np
import torch
from torch import nn

SEED = 0
SIZE = 256  # one SIZE x SIZE layer, on BATCH rows
BATCH = 64
BIG = 70000.0  # above float16's largest value
TINY = 1e-8  # below float16's smallest
LOSS_SCALE = 2**16
for name in ["SEED", "SIZE", "BATCH", "BIG", "TINY", "LOSS_SCALE"]:
    print(f"{name}: {globals()[name]}")
torch.manual_seed(SEED)
tf32 = torch.backends.cuda.matmul.allow_tf32
print("TensorFloat-32 for float32 matmuls on a GPU, by default:", tf32)
tf32 = torch.backends.cudnn.allow_tf32  # cuDNN: convolutions
print("TensorFloat-32 for float32 convolutions on a GPU, by default:", tf32)
rng = np.random.default_rng(SEED)


# %% Range and precision of three formats
# epsilon: the gap between 1 and the next representable number
def name(dtype):  # torch.float32 -> 'float32'
    return str(dtype).removeprefix("torch.")


for dtype in (torch.float32, torch.bfloat16, torch.float16):
    one = torch.tensor(1.0, dtype=dtype)
    eps = next(2.0**-k for k in range(30) if one + 2.0 ** -(k + 1) == one)
    largest, bits = torch.finfo(dtype).max, round(-np.log2(eps))
    print(f"{name(dtype)}: largest {largest:.4g}, epsilon {eps:.3g}",
          f"= 2**-{bits}")
smallest = float(np.finfo(np.float16).smallest_subnormal)  # as NumPy says
largest = torch.finfo(torch.float16).max
print(f"float16: largest {largest:.0f}, smallest {smallest:.0e}")

# %% Overflow, underflow, and loss scaling in one line
big, tiny = torch.tensor(BIG), torch.tensor(TINY)
print(f"{BIG:.0f} in float16:", big.half().item(),
      "| in bfloat16:", big.bfloat16().item())
rescued = (tiny * LOSS_SCALE).half().item() / LOSS_SCALE
print(f"{TINY:.0e} in float16:", tiny.half().item(),
      f"| scaled by 2**16 first: {rescued:.4g}")

# %% One layer in float32 and in mixed bfloat16
W = rng.normal(size=(SIZE, SIZE)) / 16  # the same NumPy weights in both
X = rng.normal(size=(BATCH, SIZE)).astype(np.float32)
reference = X.astype(np.float64) @ W
layer = nn.Linear(SIZE, SIZE, bias=False)
with torch.no_grad():
    layer.weight.copy_(torch.tensor(W.T))
x = torch.tensor(X)

# %% Which dtypes come out
y32 = layer(x)
with torch.autocast(device_type="cpu", dtype=torch.bfloat16):
    y16 = layer(x)  # computed in bfloat16, parameters stay float32
    loss = (y16.float() ** 2).mean()  # reduce in float32
print(f"output dtype: {name(y32.dtype)} | under autocast: {name(y16.dtype)}"
      f" | weights: {name(layer.weight.dtype)}")
loss.backward()
print("gradient dtype:", name(layer.weight.grad.dtype))

# %% What else runs in 16 bits under mixed precision
labels = torch.arange(BATCH) % SIZE
with torch.autocast(device_type="cpu", dtype=torch.bfloat16):
    found = {
        "sum": y16.sum(),
        "softmax": torch.softmax(y16, -1),
        "softmax, asked for float32": torch.softmax(y16, -1, torch.float32),
        "MSE loss": nn.functional.mse_loss(y16, x.bfloat16()),
        "cross-entropy loss": nn.functional.cross_entropy(y16, labels),
    }
for key, value in found.items():
    print(f"under mixed bfloat16, {key}: {name(value.dtype)}")
print("MSE loss inputs:", name(y16.dtype), name(x.bfloat16().dtype))


# %% The precision lost, against a float64 reference
def relative_error(y):
    y = y.detach().double().numpy()
    return np.linalg.norm(y - reference) / np.linalg.norm(reference)


e32, e16 = relative_error(y32), relative_error(y16)
print(f"relative error against float64: float32 {e32:.1e}, bfloat16 {e16:.1e}")
print(f"bfloat16 error / float32 error: {e16 / e32:.0f}")
print(f"half the bfloat16 epsilon: {2.0**-8:.1e}")
