# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import torch

SEED = 0
NUM_EXAMPLES = 1000
TRUE_W = [2.0, -3.4]
TRUE_B = 4.2
NOISE = 0.01  # standard deviation of the Gaussian noise
LEARNING_RATE = 0.03
BATCH_SIZE = 10
EPOCHS = 3
print("examples:", NUM_EXAMPLES, "noise:", NOISE)
print("learning rate:", LEARNING_RATE)
print("batch size:", BATCH_SIZE, "epochs:", EPOCHS)
print("steps per epoch:", NUM_EXAMPLES // BATCH_SIZE)
print("steps in all:", EPOCHS * NUM_EXAMPLES // BATCH_SIZE)

# %% Synthetic data
# y = X w + b + noise, made with NumPy so both twins see the same numbers.
rng = np.random.default_rng(SEED)
X = rng.normal(size=(NUM_EXAMPLES, 2)).astype(np.float32)
noise = rng.normal(scale=NOISE, size=NUM_EXAMPLES)
y = (X @ np.array(TRUE_W) + TRUE_B + noise).astype(np.float32)
print("true w:", TRUE_W, "true b:", TRUE_B)


# %% A data iterator
def data_iter(batch_size, X, y):  # a fresh random order every epoch
    order = rng.permutation(len(y))
    for i in range(0, len(y), batch_size):
        batch = order[i : i + batch_size]
        yield torch.from_numpy(X[batch]), torch.from_numpy(y[batch])


# %% Model, loss and SGD
def linreg(X, w, b):
    return X @ w + b


def squared_loss(y_hat, y):
    return ((y_hat - y) ** 2).mean()


def sgd(params, lr):  # one step against the gradient, in place; clear .grad
    with torch.no_grad():
        for param in params:
            param -= lr * param.grad
            param.grad.zero_()


# %% Parameters and one training step
w0 = rng.normal(scale=0.01, size=2).astype(np.float32)
w = torch.tensor(w0, requires_grad=True)
b = torch.tensor(0.0, requires_grad=True)


def train_step(X_batch, y_batch):
    loss = squared_loss(linreg(X_batch, w, b), y_batch)
    loss.backward()
    sgd([w, b], LEARNING_RATE)
    return loss.item()


# %% Training
losses, epoch_losses = [], []
X_all, y_all = torch.from_numpy(X), torch.from_numpy(y)
for epoch in range(EPOCHS):
    for X_batch, y_batch in data_iter(BATCH_SIZE, X, y):
        losses.append(train_step(X_batch, y_batch))
    with torch.no_grad():
        epoch_losses.append(squared_loss(linreg(X_all, w, b), y_all).item())
    print(f"epoch {epoch + 1}: loss {epoch_losses[-1]:.3e}")

# %% Results
learned_w = w.detach().numpy()
print("learned w:", [round(float(v), 4) for v in learned_w])
print("learned b:", round(b.item(), 4))
print("error in w:", round(float(np.max(np.abs(learned_w - TRUE_W))), 4))
print("error in b:", round(abs(b.item() - TRUE_B), 4))
print(f"first minibatch loss: {losses[0]:.3e}")
print(f"first minibatch / epoch-1 loss: {losses[0] / epoch_losses[0]:.1e}")

# %% Pitfall: replacing a parameter
p = torch.tensor(1.0, requires_grad=True)
p = p - LEARNING_RATE  # a new tensor: no longer a leaf
(p**2).backward()
print("still a parameter after p = p - lr:", p.is_leaf)
print("its gradient:", p.grad)  # PyTorch also warns: not a leaf

# %% The loss curve
fig, ax = plt.subplots(figsize=(6, 3))
ax.semilogy(losses, label="minibatch loss")
ax.axhline(NOISE**2, color="gray", linestyle="--", label="noise variance")
ax.set_xlabel("step")
ax.set_ylabel("squared loss")
ax.set_title("Minibatch loss falls to the noise variance")
ax.legend()
plt.show()
