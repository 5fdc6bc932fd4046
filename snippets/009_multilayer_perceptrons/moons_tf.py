import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import make_moons

tf.keras.utils.set_random_seed(0)
X, y = make_moons(600, noise=0.2, random_state=0)  # already shuffled
X, y = X.astype("float32"), y.astype("float32")[:, None]
X_train, y_train, X_test, y_test = X[:400], y[:400], X[400:], y[400:]
loss_fn = tf.keras.losses.BinaryCrossentropy(from_logits=True)

def train(model, steps=500):  # full-batch Adam
    optimizer = tf.keras.optimizers.Adam(learning_rate=0.01)

    @tf.function
    def step():
        with tf.GradientTape() as tape:
            loss = loss_fn(y_train, model(X_train))
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))

    for _ in range(steps):
        step()

def accuracy(model, X, y):
    return np.mean((model(X).numpy() > 0) == y)

Dense = tf.keras.layers.Dense
models = {
    "linear": tf.keras.Sequential([Dense(1)]),
    "MLP, 2 hidden layers of 32": tf.keras.Sequential([Dense(32, activation="relu"), Dense(32, activation="relu"), Dense(1)]),
}
for name, model in models.items():
    train(model)
    print(f"{name}: train accuracy {accuracy(model, X_train, y_train):.3f}, test accuracy {accuracy(model, X_test, y_test):.3f}")

x0, x1 = np.meshgrid(np.linspace(-1.5, 2.5, 200), np.linspace(-1, 1.5, 200))
grid = np.stack([x0.ravel(), x1.ravel()], axis=1).astype("float32")
fig, axes = plt.subplots(1, 2, figsize=(9, 3.6))
for ax, (name, model) in zip(axes, models.items()):
    prob = tf.sigmoid(model(grid)).numpy().reshape(x0.shape)
    ax.contourf(x0, x1, prob, levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.7)
    ax.contour(x0, x1, prob, levels=[0.5], colors="k")  # the decision boundary
    ax.scatter(X_test[:, 0], X_test[:, 1], c=y_test[:, 0], cmap="RdBu_r", s=12, edgecolors="w", linewidths=0.4)
    ax.set_title(f"{name} (test points)")
plt.show()
