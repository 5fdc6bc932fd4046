# %% Creating tensors
import numpy as np
import torch


def name(dtype):
    return str(dtype).removeprefix("torch.")


x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
print("x:", x.tolist())
print("shape:", tuple(x.shape), "dtype:", name(x.dtype))

ints = torch.arange(6)
print("ints:", ints.tolist(), "dtype:", name(ints.dtype))
grid = ints.reshape(2, 3)
print("grid:", grid.tolist())

# %% Mixing dtypes
# PyTorch promotes: float32 + int64 gives float32.
mixed = x + grid
print("x + grid:", mixed.tolist(), "dtype:", name(mixed.dtype))
total = x + grid.float()
print("x + float(grid):", total.tolist())

# %% Indexing
print("x[1]:", x[1].tolist())
print("x[:, 1:]:", x[:, 1:].tolist())
print("x[-1, -1]:", float(x[-1, -1]))
print("row sums:", x.sum(dim=1).tolist())

# %% Changing values
# Tensors are mutable: assignment writes in place.
state = x.clone()
state[0, 0] = 100.0
print("after assign:", state.tolist())

# %% Tensors from NumPy
a = np.arange(3.0)
from_numpy = torch.from_numpy(a)  # shares the array's memory
print("from NumPy:", name(from_numpy.dtype))
a[0] = 100.0  # change the NumPy array after the conversion
print("array after a[0] = 100:", a.tolist())
print("tensor after a[0] = 100:", from_numpy.tolist())
print("tensor sees the change:", bool(from_numpy[0] == a[0]))
