import matplotlib.pyplot as plt
import numpy as np
import torch


def f(a):
    b = a * 2
    doublings = 0
    while b.abs() < 1000:  # how often this runs depends on the value of a (never stops for a = 0)
        b = b * 2
        doublings += 1
    c = b if b > 0 else 100 * b  # so does the branch
    return c, doublings


# f(a) = k * a for a k fixed by the path taken, so df/da = k = f(a) / a.
for start in [0.3, -1.7, 40.0]:
    a = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    c, doublings = f(a)
    c.backward()
    grad = a.grad
    print(f"a = {start}: doublings: {doublings}, df/da: {float(grad)}, f(a)/a: {c.item() / start}")

starts = np.linspace(-3.0, 3.0, 120)
slopes = []
for start in starts:
    a = torch.tensor(start, requires_grad=True)
    c, _ = f(a)
    c.backward()
    slopes.append(float(a.grad))
print("distinct slopes over [-3, 3]:", len(set(slopes)))

plt.figure(figsize=(6, 3))
plt.semilogy(starts, np.abs(slopes), ".")
plt.xlabel("a")
plt.ylabel("|df/da|")
plt.title("each input records its own graph")
plt.show()
