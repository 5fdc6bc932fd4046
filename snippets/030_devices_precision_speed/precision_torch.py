import numpy as np
import torch
from torch import nn

torch.manual_seed(0)
rng = np.random.default_rng(0)

# Range (largest value) and precision (epsilon: the gap between 1 and the next number) of three formats.
for dtype in (torch.float32, torch.bfloat16, torch.float16):
    one = torch.tensor(1.0, dtype=dtype)
    eps = next(2.0 ** -k for k in range(30) if one + 2.0 ** -(k + 1) == one)
    print(f"{str(dtype)[6:]}: largest {torch.finfo(dtype).max:.4g}, epsilon {eps:.3g}")
big, tiny = torch.tensor(70000.0), torch.tensor(1e-8)
print("70000 in float16:", big.half().item(), "| in bfloat16:", big.bfloat16().item())
print("1e-8 in float16:", tiny.half().item(), "| scaled by 2**16 first:",
      f"{(tiny * 2**16).half().item() / 2**16:.4g}")

# The same 256 x 256 layer in float32 and under bfloat16 autocast, with weights from NumPy.
W, X = rng.normal(size=(256, 256)) / 16, rng.normal(size=(64, 256)).astype(np.float32)
reference = X.astype(np.float64) @ W
layer = nn.Linear(256, 256, bias=False)
with torch.no_grad():
    layer.weight.copy_(torch.tensor(W.T))
x = torch.tensor(X)
y32 = layer(x)
with torch.autocast(device_type="cpu", dtype=torch.bfloat16):  # compute in bfloat16, keep parameters in float32
    y16 = layer(x)
    loss = (y16.float() ** 2).mean()  # reduce in float32
print("output dtype:", str(y32.dtype)[6:], "| under autocast:", str(y16.dtype)[6:], "| weights:", str(layer.weight.dtype)[6:])


def relative_error(y):
    y = y.detach().double().numpy()
    return np.linalg.norm(y - reference) / np.linalg.norm(reference)


print(f"relative error against float64: float32 {relative_error(y32):.1e}, bfloat16 {relative_error(y16):.1e}")
loss.backward()
print("gradient dtype:", str(layer.weight.grad.dtype)[6:])
