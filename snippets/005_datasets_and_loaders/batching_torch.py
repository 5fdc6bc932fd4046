# %% Ten items that show their order
import numpy as np
import torch
from torch.utils.data import DataLoader, RandomSampler, TensorDataset

SEED = 0
NUM_ITEMS = 10
BATCH_SIZE = 4
EPOCHS = 3
LONG_STREAM = 1000  # items in the longer stream of the last cell
torch.manual_seed(SEED)
print("items:", NUM_ITEMS, "batch size:", BATCH_SIZE, "seed:", SEED)

# Item i has features [2i, 2i + 1] and label i: the labels show the order.
features = np.arange(2 * NUM_ITEMS, dtype=np.float32).reshape(NUM_ITEMS, 2)
labels = np.arange(NUM_ITEMS)
dataset = TensorDataset(torch.from_numpy(features), torch.from_numpy(labels))
x, y = dataset[0]
print("one item:", x.tolist(), int(y))

# %% Batches, and the partial last batch
batches = DataLoader(dataset, batch_size=BATCH_SIZE)
print("batch shapes:", [tuple(x.shape) for x, _ in batches])
dropped = DataLoader(dataset, batch_size=BATCH_SIZE, drop_last=True)
print("batch shapes, drop_last:", [tuple(x.shape) for x, _ in dropped])

# %% Shuffled epochs
# Shuffle, then batch; a new order every epoch.
generator = torch.Generator().manual_seed(SEED)
loader = DataLoader(dataset, BATCH_SIZE, shuffle=True, generator=generator)
for epoch in range(EPOCHS):
    print(f"epoch {epoch + 1} batches:", [y.tolist() for _, y in loader])
# The wrong order: batch, then shuffle. Whole batches move; items stay together.
made = list(DataLoader(dataset, BATCH_SIZE))  # the batches, made first
wrong = DataLoader(made, batch_size=None, shuffle=True, generator=generator)
for epoch in range(2):
    order = [y.tolist() for _, y in wrong]
    print(f"batch, then shuffle, epoch {epoch + 1}:", order)

# %% How each framework shuffles
# shuffle=True uses a RandomSampler: a full permutation, no buffer.
generator = torch.Generator().manual_seed(SEED)
sampler = RandomSampler(dataset, generator=generator)
print("order from the sampler:", list(sampler))
# The loader first draws a base seed for its workers from the same generator,
# so its permutation is the generator's second draw, not its first.
generator = torch.Generator().manual_seed(SEED)
torch.empty((), dtype=torch.int64).random_(generator=generator)
order = torch.randperm(NUM_ITEMS, generator=generator).tolist()
print("sampler's order after one seed draw:", order)


# %% How far items move
def moves(order):  # how far items moved earlier and later than their place
    shifts = [position - item for position, item in enumerate(order)]
    return -min(shifts), max(shifts)


for n in (NUM_ITEMS, LONG_STREAM):
    for seed in range(3):
        generator = torch.Generator().manual_seed(seed)
        order = list(RandomSampler(range(n), generator=generator))
        earlier, later = moves(order)
        print(f"{n} items, seed {seed}: largest move earlier {earlier}, "
              f"later {later}")
