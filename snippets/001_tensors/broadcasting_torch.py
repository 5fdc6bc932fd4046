import matplotlib.pyplot as plt
import torch

col = torch.arange(3.0).reshape(3, 1)
row = torch.arange(4.0).reshape(1, 4)
table = 10 * col + row  # (3, 1) and (1, 4) stretch to (3, 4)
print("shapes:", tuple(col.shape), "+", tuple(row.shape), "->", tuple(table.shape))
print(table.numpy())

ones = torch.ones(2, 3)
bias = torch.tensor([1.0, 2.0, 3.0])
print("(2, 3) + (3,):", (ones + bias).tolist())
try:
    ones + torch.tensor([1.0, 2.0])
except RuntimeError:
    print("(2, 3) + (2,): error, trailing sizes 3 and 2 differ")

# A classic silent bug: targets of shape (n,) minus predictions of shape (n, 1).
y = torch.arange(3.0)
pred = y.reshape(3, 1)
print("(y - pred) shape:", tuple((y - pred).shape), "sum of squares:", float(((y - pred) ** 2).sum()))

plt.figure(figsize=(4, 3))
plt.imshow(table.numpy(), cmap="viridis")
for i in range(3):
    for j in range(4):
        plt.text(j, i, f"{table[i, j]:.0f}", ha="center", va="center", color="white")
plt.title("10 * col (3, 1) + row (1, 4)")
plt.xticks(range(4))
plt.yticks(range(3))
plt.show()
