# verified: gpu
import time

import torch
from torch import nn

torch.manual_seed(0)
device = torch.device("cuda")
print("GPU:", torch.cuda.get_device_name(device))


def timed(fn, sync):
    """Median of five runs after a warm-up. GPU work runs asynchronously: wait for it before reading the clock."""
    fn()
    sync()
    times = []
    for _ in range(5):
        start = time.perf_counter()
        fn()
        sync()
        times.append(time.perf_counter() - start)
    return sorted(times)[2]


a = torch.randn(4096, 4096)  # 64 MiB of float32, created on the CPU
a_gpu = a.to(device)
cpu = timed(lambda: a @ a, lambda: None)
gpu = timed(lambda: a_gpu @ a_gpu, torch.cuda.synchronize)
copy = timed(lambda: a.to(device), torch.cuda.synchronize)
print(f"4096 x 4096 matmul: CPU {cpu * 1e3:.1f} ms, GPU {gpu * 1e3:.2f} ms, speedup {cpu / gpu:.0f}x")
print(f"copying the matrix to the GPU: {copy * 1e3:.2f} ms")
try:
    a + a_gpu
except RuntimeError:
    print("CPU tensor + GPU tensor: RuntimeError, PyTorch never moves data implicitly")


def half():
    with torch.autocast(device_type="cuda", dtype=torch.float16):
        return a_gpu @ a_gpu


exact = a_gpu @ a_gpu
error = float((half().float() - exact).norm() / exact.norm())
print(f"float16 autocast matmul: {timed(half, torch.cuda.synchronize) * 1e3:.2f} ms, relative error {error:.1e}")

# One training step with float16 autocast and loss scaling.
net = nn.Sequential(nn.Linear(4096, 256), nn.ReLU(), nn.Linear(256, 1)).to(device)
optimizer = torch.optim.SGD(net.parameters(), lr=0.01)
scaler = torch.amp.GradScaler("cuda")  # multiplies the loss so small float16 gradients do not flush to 0
with torch.autocast(device_type="cuda", dtype=torch.float16):
    out = net(a_gpu[:512])
    loss = (out.float() ** 2).mean()
print("output dtype:", str(out.dtype)[6:], "| parameters:", str(net[0].weight.dtype)[6:])
scaler.scale(loss).backward()
print("gradient dtype:", str(net[0].weight.grad.dtype)[6:], "| loss scale:", scaler.get_scale())
scaler.step(optimizer)  # unscales the gradients; skips the step if any is inf or nan
scaler.update()
