import numpy as np
import torch
from torch.utils.data import DataLoader, RandomSampler, TensorDataset

torch.manual_seed(0)

# Ten items: item i has features [2i, 2i + 1] and label i, so the labels show the order.
features = np.arange(20, dtype=np.float32).reshape(10, 2)
labels = np.arange(10)
dataset = TensorDataset(torch.from_numpy(features), torch.from_numpy(labels))
x, y = dataset[0]
print("items:", len(dataset), "one item:", x.tolist(), int(y))

batches = DataLoader(dataset, batch_size=4)
print("batch shapes:", [tuple(x.shape) for x, _ in batches])
dropped = DataLoader(dataset, batch_size=4, drop_last=True)
print("batch shapes, drop_last:", [tuple(x.shape) for x, _ in dropped])

# Shuffle, then batch; a new order every epoch.
loader = DataLoader(dataset, batch_size=4, shuffle=True, generator=torch.Generator().manual_seed(0))
for epoch in range(3):
    print(f"epoch {epoch + 1} batches:", [y.tolist() for _, y in loader])

# shuffle=True uses a RandomSampler: a full permutation of the indices, no buffer.
sampler = RandomSampler(dataset, generator=torch.Generator().manual_seed(0))
print("order from the sampler:", list(sampler))
