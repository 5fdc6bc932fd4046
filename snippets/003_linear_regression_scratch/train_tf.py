# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

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
        yield tf.constant(X[batch]), tf.constant(y[batch])


# %% Model, loss and SGD
def linreg(X, w, b):
    return tf.linalg.matvec(X, w) + b


def squared_loss(y_hat, y):
    return tf.reduce_mean((y_hat - y) ** 2)


def sgd(params, grads, lr):  # one step against the gradient, in place
    for param, grad in zip(params, grads):
        param.assign_sub(lr * grad)


# %% Parameters and one training step
w = tf.Variable(rng.normal(scale=0.01, size=2).astype(np.float32))
b = tf.Variable(0.0)


@tf.function  # traced once into a graph: small steps run much faster
def train_step(X_batch, y_batch):
    with tf.GradientTape() as tape:
        loss = squared_loss(linreg(X_batch, w, b), y_batch)
    sgd([w, b], tape.gradient(loss, [w, b]), LEARNING_RATE)
    return loss


# %% Training
losses, epoch_losses = [], []
for epoch in range(EPOCHS):
    for X_batch, y_batch in data_iter(BATCH_SIZE, X, y):
        losses.append(float(train_step(X_batch, y_batch)))
    epoch_losses.append(float(squared_loss(linreg(X, w, b), y)))
    print(f"epoch {epoch + 1}: loss {epoch_losses[-1]:.3e}")

# %% Results
learned_w = w.numpy()
print("learned w:", [round(float(v), 4) for v in learned_w])
print("learned b:", round(float(b), 4))
print("error in w:", round(float(np.max(np.abs(learned_w - TRUE_W))), 4))
print("error in b:", round(abs(float(b) - TRUE_B), 4))
print(f"first minibatch loss: {losses[0]:.3e}")
print(f"first minibatch / epoch-1 loss: {losses[0] / epoch_losses[0]:.1e}")

# %% Pitfall: replacing a parameter
p = tf.Variable(1.0)
p = p - LEARNING_RATE  # a new tensor: no longer a Variable
with tf.GradientTape() as tape:
    loss = p**2
print("still a parameter after p = p - lr:", isinstance(p, tf.Variable))
print("its gradient:", tape.gradient(loss, p))

# %% The loss curve
fig, ax = plt.subplots(figsize=(6, 3))
ax.semilogy(losses, label="minibatch loss")
ax.axhline(NOISE**2, color="gray", linestyle="--", label="noise variance")
ax.set_xlabel("step")
ax.set_ylabel("squared loss")
ax.set_title("Minibatch loss falls to the noise variance")
ax.legend()
plt.show()
