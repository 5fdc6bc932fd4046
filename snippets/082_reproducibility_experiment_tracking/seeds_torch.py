# %% Settings
import random
import time

import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

DATA_SEED = 0  # the generated data
SEED, OTHER_SEED = 0, 1  # the training runs
N, FEATURES, HIDDEN, DROPOUT = 512, 8, 32, 0.5
BATCH_SIZE, EPOCHS, LEARNING_RATE = 64, 3, 0.01  # Adam
for name in ("DATA_SEED SEED OTHER_SEED N FEATURES HIDDEN DROPOUT BATCH_SIZE "
             "EPOCHS LEARNING_RATE").split():
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
# %% Data: a noisy linear target, generated with NumPy
rng = np.random.default_rng(DATA_SEED)
X = rng.normal(size=(N, FEATURES)).astype("float32")
y = (X @ rng.normal(size=FEATURES) + 0.1 * rng.normal(size=N))
y = y.astype("float32")
print("X:", X.shape, "y:", y.shape)
# %% One run: initial weights, dropout masks and shuffling are all random
data = TensorDataset(torch.tensor(X), torch.tensor(y)[:, None])
def run(seed):
    torch.manual_seed(seed)  # PyTorch's generators only
    model = nn.Sequential(nn.Linear(FEATURES, HIDDEN), nn.ReLU(),
                          nn.Dropout(DROPOUT), nn.Linear(HIDDEN, 1))
    adam = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
    losses = []
    for epoch in range(EPOCHS):  # the mean loss over each epoch, as Keras
        total = 0
        for xb, yb in DataLoader(data, batch_size=BATCH_SIZE, shuffle=True):
            adam.zero_grad()
            loss = nn.functional.mse_loss(model(xb), yb)
            loss.backward()
            adam.step()
            total += loss.item() * len(xb)
        losses.append(total / N)
    weights = torch.cat([p.detach().ravel() for p in model.parameters()])
    return weights.numpy(), np.array(losses)
# %% The same seed twice, and another seed
w_a, loss_a = run(SEED)
w_b, loss_b = run(SEED)
w_c, loss_c = run(OTHER_SEED)
print("same seed, weights bitwise equal:", np.array_equal(w_a, w_b))
print("same seed, losses bitwise equal:", np.array_equal(loss_a, loss_b))
print(f"other seed, weights equal: {np.array_equal(w_a, w_c)}, "
      f"max |difference| {np.abs(w_a - w_c).max():.3f}")
print("losses per epoch, seed 0:", np.round(loss_a, 4))
print("losses per epoch, seed 1:", np.round(loss_c, 4))
# %% What one call seeds, and what it does not
loader = DataLoader(torch.arange(8), shuffle=True)  # draws a seed each pass
draw = lambda: (nn.Dropout(DROPOUT)(torch.ones(1, 8)),  # a module trains
                torch.cat(list(loader)), random.random(), np.random.rand(),
                np.random.default_rng().random())  # a new unseeded generator
torch.manual_seed(SEED)
first = draw()
torch.manual_seed(SEED)
again = draw()
print("dropout mask repeats:", torch.equal(first[0], again[0]))
print("shuffled order repeats:", torch.equal(first[1], again[1]))
print("random.random repeats:", first[2] == again[2])
print("np.random.rand repeats:", first[3] == again[3])
print("np.random.default_rng() repeats:", first[4] == again[4])
# %% Which generator the layers' random numbers come from
mask = lambda: nn.Dropout(DROPOUT)(torch.ones(1, 64))
for name, reseed in (("random.seed", random.seed),
                     ("torch.manual_seed", torch.manual_seed)):
    reseed(SEED)
    mask_a = mask()
    reseed(SEED)
    same = torch.equal(mask_a, mask())
    print(f"dropout mask repeats after {name} alone: {same}")
# %% The determinism switch, and what it costs on this machine
# verified: timing
start = time.perf_counter()
w_off, _ = run(SEED)
seconds_off = time.perf_counter() - start
torch.use_deterministic_algorithms(True)  # until switched off again
start = time.perf_counter()
w_on, _ = run(SEED)
seconds_on = time.perf_counter() - start
print(f"this machine, one run: {seconds_off:.2f} s off, {seconds_on:.2f} s on")
# %% What the switch changed here, and what it demands
print("switch on, same weights as off:", np.array_equal(w_off, w_on))
print("uninitialised float32 memory is filled with:", torch.empty(2).tolist())
print("uninitialised int64 memory is filled with:",
      torch.empty(1, dtype=torch.int64).tolist())  # the largest int64
for index in ([0, 0], [0, 1]):  # repeated indices, and distinct ones
    try:
        torch.zeros(4).put_(torch.tensor(index), torch.ones(2))
    except RuntimeError as error:
        message = str(error).split(", but")[0]
        print(f"put_ at {index}: {type(error).__name__}: {message}")
summed = torch.zeros(4).put_(torch.tensor([0, 0]), torch.ones(2),
                             accumulate=True)  # a deterministic CPU kernel
print("put_ at [0, 0] with accumulate=True:", summed.tolist())
torch.use_deterministic_algorithms(False)
print("switched off again:", torch.are_deterministic_algorithms_enabled())
