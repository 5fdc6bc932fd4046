# %% A column plus a row
import matplotlib.pyplot as plt
import torch

col = torch.arange(3.0).reshape(3, 1)
row = torch.arange(4.0).reshape(1, 4)
table = 10 * col + row  # (3, 1) and (1, 4) stretch to (3, 4)
shapes = tuple(col.shape), tuple(row.shape), tuple(table.shape)
print("shapes: {} + {} -> {}".format(*shapes))
print(table.numpy())

# %% Compatible and incompatible shapes
ones = torch.ones(2, 3)
bias = torch.tensor([1.0, 2.0, 3.0])
print("(2, 3) + (3,):", (ones + bias).numpy().tolist())
short = torch.tensor([1.0, 2.0])
try:
    ones + short
except RuntimeError:
    print("(2, 3) + (2,): error, trailing sizes 3 and 2 differ")

# %% A silent shape bug
# Targets of shape (n,) minus predictions of shape (n, 1).
y = torch.arange(3.0)
pred = y.reshape(3, 1)  # the same numbers, as a column
diff = y - pred
print("(y - pred) shape:", tuple(diff.shape))
print("sum of squares:", float((diff**2).sum()))

# %% The table as a picture
fig, ax = plt.subplots(figsize=(4, 3))
ax.imshow(table.numpy(), cmap="viridis")
for i in range(3):
    for j in range(4):
        label = f"{table[i, j]:.0f}"
        ax.text(j, i, label, ha="center", va="center", color="white")
ax.set_title("Broadcast table: 10 * col (3, 1) + row (1, 4)")
ax.set_xticks(range(4))
ax.set_yticks(range(3))
plt.show()
