# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import torch

DATA_SEED = 0  # which keys and noise are drawn
N_KEYS = 50  # training pairs (x_i, y_i): the keys and the values
N_QUERIES = 50  # evenly spaced points where the function is estimated
NOISE = 0.3  # standard deviation of the noise on each y_i
WIDTH = 1.0  # the Gaussian kernel's fixed width h
for name in [k for k in list(globals()) if k.isupper()]:  # the settings
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]!r}")

# %% The data: noisy samples of a known function
def f(x):  # the true function, never shown to the estimators
    return np.sin(2 * x) + 0.4 * x

rng = np.random.default_rng(DATA_SEED)
x_train = np.sort(rng.uniform(0, 5, N_KEYS))
y_train = f(x_train) + rng.normal(0, NOISE, N_KEYS)
keys, values = torch.tensor(x_train), torch.tensor(y_train)
queries = torch.linspace(0, 5, N_QUERIES, dtype=torch.float64)
truth = torch.tensor(f(queries.numpy()))

# %% Attention pooling: weights over the keys, a weighted sum of the values
def gaussian_weights(queries, keys, width):  # (queries, keys), rows sum to 1
    scores = -((queries[:, None] - keys[None, :]) ** 2) / (2 * width**2)
    return torch.softmax(scores, dim=1)

average = torch.full((N_QUERIES, N_KEYS), 1 / N_KEYS, dtype=torch.float64)
weights = gaussian_weights(queries, keys, WIDTH)
print(f"rows sum to 1: max error {(weights.sum(dim=1) - 1).abs().max():.1e}")
for name, a in [("average pooling", average),
                (f"Gaussian, h = {WIDTH:g}", weights)]:
    estimate = a @ values  # all queries at once: (queries, keys) @ (keys,)
    mse = ((estimate - truth) ** 2).mean()
    print(f"{name}: MSE against the true function {mse:.4f}")

# %% One matrix product, or one query at a time: the same numbers
loop = torch.stack([torch.softmax(-((q - keys) ** 2) / (2 * WIDTH**2), 0)
                    @ values for q in queries])  # query by query
print(f"matrix product vs loop over queries: max difference "
      f"{(weights @ values - loop).abs().max():.1e}")

# %% The attention weights, and what they estimate
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
ax1.imshow(weights, cmap="viridis", aspect="auto",
           extent=[0, N_KEYS, 5, 0])  # row: a query; column: a key
ax1.set_xlabel("key (training points, sorted by x)")
ax1.set_ylabel("query x")
ax2.plot(x_train, y_train, "o", ms=3, label="(key, value) pairs")
ax2.plot(queries, truth, "k", label="true function")
ax2.plot(queries, average @ values, label="average pooling")
ax2.plot(queries, weights @ values, label=f"Gaussian kernel, h = {WIDTH:g}")
ax2.set_xlabel("x"), ax2.legend(fontsize=8)
fig.suptitle("Nadaraya-Watson attention: weights (left), estimates (right)")
plt.show()
