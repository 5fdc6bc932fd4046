import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)
X = rng.uniform(-1, 1, (400, 2)).astype("float32")
y = (X[:, 0] * X[:, 1] > 0).astype("float32")[:, None]  # 1 where the two signs agree: XOR
loss_fn = tf.keras.losses.BinaryCrossentropy(from_logits=True)

def train(model, steps=500):  # full-batch Adam
    optimizer = tf.keras.optimizers.Adam(learning_rate=0.05)

    @tf.function
    def step():
        with tf.GradientTape() as tape:
            loss = loss_fn(y, model(X))
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))

    for _ in range(steps):
        step()

Dense = tf.keras.layers.Dense
models = {
    "linear": tf.keras.Sequential([Dense(1)]),
    "three linear layers": tf.keras.Sequential([Dense(16), Dense(16), Dense(1)]),  # no activations
    "MLP, 16 ReLU units": tf.keras.Sequential([Dense(16, activation="relu"), Dense(1)]),
}
for name, model in models.items():
    train(model)
    logits = model(X)
    print(f"{name}: loss {float(loss_fn(y, logits)):.3f}, accuracy {np.mean((logits.numpy() > 0) == y):.3f}")

# Without activations, the three layers multiply out to one linear map x @ W + b.
L1, L2, L3 = models["three linear layers"].layers
W = L1.kernel @ L2.kernel @ L3.kernel
b = (L1.bias[None] @ L2.kernel + L2.bias) @ L3.kernel + L3.bias
gap = np.abs(models["three linear layers"](X) - (X @ W + b)).max()
print(f"three linear layers = one linear map: max difference {gap:.1e}")

axis = np.linspace(-1, 1, 200)
grid = np.stack(np.meshgrid(axis, axis), axis=-1).reshape(-1, 2).astype("float32")
fig, axes = plt.subplots(1, 3, figsize=(11, 3.6))
for ax, (name, model) in zip(axes, models.items()):
    prob = tf.sigmoid(model(grid)).numpy().reshape(200, 200)
    ax.contourf(axis, axis, prob, levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.7)
    ax.contour(axis, axis, prob, levels=[0.5], colors="k")  # the decision boundary
    ax.scatter(X[:, 0], X[:, 1], c=y[:, 0], cmap="RdBu_r", s=12, edgecolors="w", linewidths=0.4)
    ax.set_title(name)
plt.show()
