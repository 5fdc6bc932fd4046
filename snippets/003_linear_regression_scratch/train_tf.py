import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

# Synthetic data y = X w + b + noise, made with NumPy so both twins see the same numbers.
rng = np.random.default_rng(0)
true_w, true_b, noise = np.array([2.0, -3.4]), 4.2, 0.01
X = rng.normal(size=(1000, 2)).astype(np.float32)
y = (X @ true_w + true_b + rng.normal(scale=noise, size=1000)).astype(np.float32)
print("true w:", true_w.tolist(), "true b:", true_b)


def data_iter(batch_size, X, y):  # a fresh random order every epoch
    order = rng.permutation(len(y))
    for i in range(0, len(y), batch_size):
        batch = order[i:i + batch_size]
        yield tf.constant(X[batch]), tf.constant(y[batch])


def linreg(X, w, b):
    return tf.linalg.matvec(X, w) + b


def squared_loss(y_hat, y):
    return tf.reduce_mean((y_hat - y) ** 2)


def sgd(params, grads, lr):  # one step against the gradient, in place
    for param, grad in zip(params, grads):
        param.assign_sub(lr * grad)


w = tf.Variable(rng.normal(scale=0.01, size=2).astype(np.float32))
b = tf.Variable(0.0)
lr, batch_size, epochs = 0.03, 10, 3
losses = []


@tf.function  # traced once into a graph: many small steps run much faster than eagerly
def train_step(X_batch, y_batch):
    with tf.GradientTape() as tape:
        loss = squared_loss(linreg(X_batch, w, b), y_batch)
    sgd([w, b], tape.gradient(loss, [w, b]), lr)
    return loss


for epoch in range(epochs):
    for X_batch, y_batch in data_iter(batch_size, X, y):
        loss = train_step(X_batch, y_batch)
        losses.append(float(loss))
    full_loss = squared_loss(linreg(X, w, b), y)
    print(f"epoch {epoch + 1}: loss {float(full_loss):.3e}")

print("learned w:", [round(v, 4) for v in w.numpy().tolist()], "learned b:", round(float(b), 4))
print("error in w:", round(float(np.max(np.abs(w.numpy() - true_w))), 4))
print("error in b:", round(abs(float(b) - true_b), 4))
print(f"first minibatch loss: {losses[0]:.3e}")

plt.figure(figsize=(6, 3))
plt.semilogy(losses, label="minibatch loss")
plt.axhline(noise**2, color="gray", linestyle="--", label="noise variance")
plt.xlabel("step")
plt.ylabel("squared loss")
plt.legend()
plt.show()
