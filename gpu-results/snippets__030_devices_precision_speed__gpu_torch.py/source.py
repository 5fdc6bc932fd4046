# verified: gpu
# %% Settings and the GPU
import time

import torch
from torch import nn

SEED = 0
SIZE = 4096  # a SIZE x SIZE float32 matrix: 64 MiB
RUNS = 5  # timed runs after a warm-up; the median is reported
HIDDEN = 256  # the MLP SIZE -> HIDDEN -> 1, on BATCH rows
BATCH = 512
LEARNING_RATE = 0.01
for name in ["SEED", "SIZE", "RUNS", "HIDDEN", "BATCH", "LEARNING_RATE"]:
    print(f"{name}: {globals()[name]}")
torch.manual_seed(SEED)
if not torch.cuda.is_available():
    raise RuntimeError("this snippet needs a GPU")
device = torch.device("cuda")
print("GPU:", torch.cuda.get_device_name(device))


# %% Timing asynchronous work
def timed(fn, sync):  # GPU work is queued: wait for it before the clock
    fn()  # warm-up
    sync()
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        sync()
        times.append(time.perf_counter() - start)
    return sorted(times)[RUNS // 2]


# %% A matrix product on the CPU and on the GPU
a = torch.randn(SIZE, SIZE)  # created on the CPU
a_gpu = a.to(device)
sync = torch.cuda.synchronize
cpu = timed(lambda: a @ a, lambda: None)
gpu = timed(lambda: a_gpu @ a_gpu, sync)
copy = timed(lambda: a.to(device), sync)
print(f"{SIZE} x {SIZE} matmul: CPU {cpu * 1e3:.1f} ms, GPU {gpu * 1e3:.2f} ms,"
      f" speedup {cpu / gpu:.0f}x")
print(f"copying the matrix to the GPU: {copy * 1e3:.2f} ms")

# %% A CPU tensor meets a GPU tensor
try:
    a + a_gpu
except RuntimeError:
    print("CPU tensor + GPU tensor: RuntimeError, no implicit copies")


# %% A float16 product
def half():
    with torch.autocast(device_type="cuda", dtype=torch.float16):
        return a_gpu @ a_gpu


exact = a_gpu @ a_gpu
error = float((half().float() - exact).norm() / exact.norm())
print(f"float16 autocast matmul: {timed(half, sync) * 1e3:.2f} ms,"
      f" relative error {error:.1e}")

# %% What runs in float32 under float16 on a GPU
net = nn.Sequential(nn.Linear(SIZE, HIDDEN), nn.ReLU(), nn.Linear(HIDDEN, 1))
net = net.to(device)
labels = torch.zeros(BATCH, dtype=torch.long, device=device)
with torch.autocast(device_type="cuda", dtype=torch.float16):
    h = net[0](a_gpu[:BATCH])  # float16 under autocast
    found = {
        "sum": h.sum(),
        "softmax": torch.softmax(h, -1),
        "MSE loss": nn.functional.mse_loss(h, torch.zeros_like(h)),
        "cross-entropy loss": nn.functional.cross_entropy(h, labels),
    }
for key, value in found.items():
    print(f"under float16 on the GPU, {key}: {str(value.dtype)[6:]}")

# %% One training step with float16 and loss scaling
optimizer = torch.optim.SGD(net.parameters(), lr=LEARNING_RATE)
scaler = torch.amp.GradScaler("cuda")  # scales the loss: no flush to 0
with torch.autocast(device_type="cuda", dtype=torch.float16):
    out = net(a_gpu[:BATCH])
    loss = (out.float() ** 2).mean()
print("output dtype:", str(out.dtype)[6:],
      "| parameters:", str(net[0].weight.dtype)[6:])
scaler.scale(loss).backward()
print("gradient dtype:", str(net[0].weight.grad.dtype)[6:],
      "| loss scale:", scaler.get_scale())
scaler.step(optimizer)  # unscales; skips the step if any is inf or nan
scaler.update()
