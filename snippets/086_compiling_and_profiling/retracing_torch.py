# %% Settings
import numpy as np
import torch
from torch import nn

DATA_SEED, SEED = 0, 0
N, FEATURES, HIDDEN, CLASSES = 512, 64, 256, 10
for name in "DATA_SEED SEED N FEATURES HIDDEN CLASSES".split():
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
# %% Data and a small network
rng = np.random.default_rng(DATA_SEED)
X = torch.tensor(rng.normal(size=(N, FEATURES)).astype("float32"))
torch.manual_seed(SEED)
model = nn.Sequential(nn.Linear(FEATURES, HIDDEN), nn.ReLU(),
                      nn.Linear(HIDDEN, CLASSES)).eval()
torch.set_grad_enabled(False)
BATCHES = (N, N // 2, N // 4)
print("batch sizes tried:", BATCHES)
# %% Count every new graph
# a backend that only counts the graphs it is given, no Inductor
def counter():
    counts = []
    def backend(graph, example_inputs):  # Dynamo calls it per compilation
        counts.append(graph)
        return graph.forward  # run the captured graph as it is
    return counts, backend
# %% New input shapes
for label, dynamic in (("default", None), ("dynamic=False", False)):
    counts, backend = counter()
    f = torch.compile(model, backend=backend, dynamic=dynamic)
    seen = []
    for batch in BATCHES:
        f(X[:batch])
        seen.append(len(counts))
    print(f"new shapes, {label}: compilations so far {seen}")
# %% Python numbers as arguments
def scaled(x, scale):
    return model(x) * scale
for label, scales in (("Python floats", (0.5, 1.0, 2.0)),
                      ("tensors", [torch.tensor(s) for s in (0.5, 1.0, 2.0)])):
    counts, backend = counter()
    f = torch.compile(scaled, backend=backend)
    seen = []
    for scale in scales:
        f(X, scale)
        seen.append(len(counts))
    print(f"scale as {label}: compilations so far {seen}")
# %% A Python branch on a tensor's value
def clipped(x):
    y = model(x)
    if y.sum() > 0:  # needs the value: Dynamo stops the graph here
        return y.clamp(max=1.0)
    return y
explained = torch._dynamo.explain(clipped)(X)
print("graphs:", explained.graph_count,
      "graph breaks:", explained.graph_break_count)
reason = explained.break_reasons[0]
print("reason:", reason.reason.split("\n")[0][:70])
print("at line:", reason.user_stack[-1].line)
# %% Python side effects in a compiled function
appended = []
def noted(x):
    appended.append(1)  # Dynamo replays this after the graph, every call
    return x * 2
counts, backend = counter()
f = torch.compile(noted, backend=backend)
for _ in range(3):
    f(X)
print("3 calls: list appends", len(appended), "compilations", len(counts))
# the guards that failed and made Dynamo recompile, as it recorded them
failed = torch._dynamo.utils.guard_failures[noted.__code__]
guards = dict.fromkeys(r.split(": ", 1)[1].split("#")[0].strip()
                       for r in failed)  # each guard once, in order
print("failed guards:", ", ".join(guards))
