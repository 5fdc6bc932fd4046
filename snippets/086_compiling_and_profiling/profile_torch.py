# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn
from torch.profiler import ProfilerActivity, profile

DATA_SEED, SEED = 0, 0
N, FEATURES, HIDDEN, CLASSES = 512, 64, 256, 10
REPEATS = 20  # forward passes recorded
SHARE = 0.02  # the table lists operations above this share of the time
for name in "DATA_SEED SEED N FEATURES HIDDEN CLASSES REPEATS SHARE".split():
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
# %% Data and a small network
rng = np.random.default_rng(DATA_SEED)
X = torch.tensor(rng.normal(size=(N, FEATURES)).astype("float32"))
torch.manual_seed(SEED)
model = nn.Sequential(nn.Linear(FEATURES, HIDDEN), nn.ReLU(),
                      nn.Linear(HIDDEN, HIDDEN), nn.ReLU(),
                      nn.Linear(HIDDEN, CLASSES)).eval()
torch.set_grad_enabled(False)
model(X)  # a warm-up call, outside the trace
# %% Record a trace of REPEATS forward passes
with profile(activities=[ProfilerActivity.CPU]) as trace:
    for _ in range(REPEATS):
        model(X)
print("events recorded:", len(trace.events()))
# %% Each operation's calls and time
events = trace.key_averages()  # one row per operation name
ops = {e.key: [e.count, e.self_cpu_time_total / 1e3]  # twins differ: µs to ms
       for e in events}  # name: calls, ms, summed
print("operations recorded:", len(ops))
print("calls of aten::addmm:", ops["aten::addmm"][0])
for name in ("aten::copy_", "aten::clamp_min"):  # who calls them
    parents = {e.cpu_parent.name for e in trace.events() if e.name == name}
    print(f"{name} is called inside: {sorted(parents)}")
# %% The top operations by self CPU time
# verified: timing
total = sum(ms for _, ms in ops.values())
top = sorted((k for k in ops if ops[k][1] >= SHARE * total),
             key=lambda k: -ops[k][1])
print("this machine, self CPU time of the top operations")
print(f"{'operation':<20}{'calls':>6}{'ms':>9}{'share':>8}")
for k in sorted(top):  # by name: the ranking is the figure's
    calls, ms = ops[k]
    print(f"{k:<20}{calls:>6}{ms:>9.2f}{ms / total:>8.1%}")
# %% The same ranking as a bar chart
fig, ax = plt.subplots(figsize=(8, 2.5))
ax.barh(top[::-1], [ops[k][1] / total for k in top[::-1]])
ax.set_xlabel("share of self CPU time (this machine)")
ax.set_title(f"PyTorch profiler: top operations, {REPEATS} forward passes")
fig.tight_layout()
plt.show()
