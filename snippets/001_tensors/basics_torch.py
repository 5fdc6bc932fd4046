import numpy as np
import torch

x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
print("x:", x.tolist())
print("shape:", tuple(x.shape), "dtype:", str(x.dtype).removeprefix("torch."))

ints = torch.arange(6)
print("ints:", ints.tolist(), "dtype:", str(ints.dtype).removeprefix("torch."))
grid = ints.reshape(2, 3)
print("grid:", grid.tolist())

# PyTorch promotes: float32 + int64 gives float32.
mixed = x + grid
print("x + grid:", mixed.tolist(), "dtype:", str(mixed.dtype).removeprefix("torch."))
total = x + grid.float()
print("x + float(grid):", total.tolist())

print("x[1]:", x[1].tolist())
print("x[:, 1:]:", x[:, 1:].tolist())
print("x[-1, -1]:", float(x[-1, -1]))
print("row sums:", x.sum(dim=1).tolist())

# Tensors are mutable: assignment writes in place.
state = x.clone()
state[0, 0] = 100.0
print("after assign:", state.tolist())

from_numpy = torch.from_numpy(np.arange(3.0))
print("from NumPy:", str(from_numpy.dtype).removeprefix("torch."))
