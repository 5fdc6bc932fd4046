# %% Settings
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
import numpy as np
import torch
from torch import nn
DATA_SEED, SEED = 0, 0  # the generated data; initial weights and shuffling
N, FEATURES, HIDDEN = 512, 8, 16  # examples, inputs, hidden tanh units
WORLD_SIZE, GLOBAL_BATCH = 2, 64  # worker processes; examples per step: 32 each
EPOCHS, LEARNING_RATE = 3, 0.1  # plain SGD on the mean squared error
for name in ("DATA_SEED SEED N FEATURES HIDDEN WORLD_SIZE GLOBAL_BATCH "
             "EPOCHS LEARNING_RATE").split():
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
# %% Data, saved in a folder that the workers read
rng = np.random.default_rng(DATA_SEED)
X = rng.normal(size=(N, FEATURES)).astype("float32")
y = np.sin(X @ rng.normal(size=(FEATURES, 1))).astype("float32")
folder = Path(tempfile.mkdtemp())  # shared by the processes of this run
np.savez(folder / "data.npz", X=X, y=y)
(folder / "settings.json").write_text(json.dumps({k.lower(): globals()[k]
    for k in "SEED FEATURES HIDDEN GLOBAL_BATCH EPOCHS LEARNING_RATE".split()}))
# %% The worker script, part 1: join the group, wrap the model and the data
script = """import json, os, time
import numpy as np, torch, torch.distributed as dist, torch.nn as nn
from torch.utils.data import DataLoader, DistributedSampler, TensorDataset
s, imported = json.load(open("settings.json")), time.process_time()
dist.init_process_group("gloo")  # rank, world size, address: from torchrun
rank, world = dist.get_rank(), dist.get_world_size()
torch.manual_seed(s["seed"])  # the same start as the reference below
model = nn.Sequential(nn.Linear(s["features"], s["hidden"]), nn.Tanh(),
                      nn.Linear(s["hidden"], 1))
ddp = nn.parallel.DistributedDataParallel(model)  # rank 0's start, averaging
data = TensorDataset(*map(torch.tensor, np.load("data.npz").values()))
sampler = DistributedSampler(data, seed=s["seed"])  # this rank's rows
loader = DataLoader(data, s["global_batch"] // world, sampler=sampler)
ready = time.process_time()  # joined the group, model wrapped, data split
"""
# %% The worker script, part 2: train, then save this rank's weights
script += """sgd = torch.optim.SGD(ddp.parameters(), lr=s["learning_rate"])
sizes = []  # the rows of each step on this worker
for epoch in range(s["epochs"]):
    sampler.set_epoch(epoch)  # a new shuffle each epoch, the same on all
    for xb, yb in loader:
        sizes.append(len(xb))
        sgd.zero_grad()
        nn.functional.mse_loss(ddp(xb), yb).backward()
        sgd.step()
w = torch.cat([p.detach().ravel() for p in model.parameters()])
env = [int(os.environ[k]) for k in ("RANK", "LOCAL_RANK", "WORLD_SIZE")]
np.savez(f"rank{rank}.npz", w=w, env=env, steps=[len(sizes), *set(sizes)],
         seconds=np.diff([0, imported, ready, time.process_time()]).round(1))
dist.destroy_process_group()
"""
(folder / "worker.py").write_text(script)
# %% Launch two workers, and wait for them
# verified: timing
command = [sys.executable, "-m", "torch.distributed.run", "--standalone",
           f"--nproc-per-node={WORLD_SIZE}", "--max-restarts=1", "worker.py"]
print("command: python", *command[1:3], "\\\n   ", *command[3:])
start, cpu_before = time.perf_counter(), sum(os.times()[2:4])  # children's
done = subprocess.run(command, cwd=folder, capture_output=True, text=True,
                      env=dict(os.environ, OMP_NUM_THREADS="1"))  # its default
if done.returncode != 0:  # their logs are kept, and shown only on failure
    sys.exit(done.stderr[-3000:])
wall, cpu = time.perf_counter() - start, sum(os.times()[2:4]) - cpu_before
# %% How long it took, on this machine
# verified: timing
print(f"this machine: {wall:.1f} s wall, {cpu:.1f} s CPU in all processes")
ranks = [np.load(folder / f"rank{r}.npz") for r in range(WORLD_SIZE)]
print("rank 0, CPU time (s): imports, set-up, training:", *ranks[0]["seconds"])
# %% One worker, the combined batch: the reference
def train(order, batch):  # SGD from the initial weights, rows in this order
    torch.manual_seed(SEED)  # the same initial weights as the workers
    model = nn.Sequential(nn.Linear(FEATURES, HIDDEN), nn.Tanh(),
                          nn.Linear(HIDDEN, 1))
    sgd = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)
    for rows in order.split(batch):  # one step per batch of rows
        sgd.zero_grad()
        nn.functional.mse_loss(model(X_t[rows]), y_t[rows]).backward()
        sgd.step()
    return torch.cat([p.detach().ravel() for p in model.parameters()]).numpy()
X_t, y_t = torch.tensor(X), torch.tensor(y)
order = torch.cat([torch.randperm(N, generator=torch.Generator().manual_seed(
    SEED + e)) for e in range(EPOCHS)])  # DistributedSampler's shuffles
reference = train(order, GLOBAL_BATCH)  # step s: rows s*64 ... s*64 + 63
alone = train(order[0::WORLD_SIZE], GLOBAL_BATCH // WORLD_SIZE)  # rank 0's
# %% Two workers against one
weights = [r["w"] for r in ranks]
print("torchrun set RANK LOCAL_RANK WORLD_SIZE:", *[r["env"] for r in ranks])
print("steps, rows per step, rank 0 and 1:", *[r["steps"] for r in ranks])
print("rank 0 and rank 1 bitwise equal:", np.array_equal(*weights))
for name, w in (("two workers", weights[0]), ("rank 0's half alone", alone)):
    print(f"{name} vs one worker, max abs diff: {abs(w - reference).max():.1e}")
