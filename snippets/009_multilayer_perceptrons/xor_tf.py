# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

SEED = 0
N_POINTS = 400
HIDDEN = 16
LEARNING_RATE = 0.05
STEPS = 500  # full-batch Adam steps, for every model
SEEDS = (0, 1, 2)  # initialisations for the MLP-versus-linear comparison
for name in ["SEED", "N_POINTS", "HIDDEN", "LEARNING_RATE", "STEPS", "SEEDS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% XOR data: class 1 where the two coordinates have the same sign
tf.keras.utils.set_random_seed(SEED)
rng = np.random.default_rng(SEED)
points = rng.uniform(-1, 1, (N_POINTS, 2)).astype("float32")
labels = (points[:, 0] * points[:, 1] > 0).astype("float32")[:, None]
share = labels.mean()
print(f"share of class 1: {share:.3f}, of class 0: {1 - share:.3f}")
X, y = tf.constant(points), tf.constant(labels)

# %% The best a straight line can do, found by search
angles = np.linspace(0, 2 * np.pi, 3600, endpoint=False)
normals = np.stack([np.cos(angles), np.sin(angles)], axis=1)
# labels in order along each direction; class 1 above a cut, 0 below
ys = labels[:, 0][np.argsort(points @ normals.T, axis=0)]
start = np.zeros((1, len(angles)))
zeros_below = np.vstack([start, np.cumsum(1 - ys, axis=0)])
ones_above = ys.sum(axis=0) - np.vstack([start, np.cumsum(ys, axis=0)])
best = (zeros_below + ones_above).max() / N_POINTS
print(f"best line, search over {len(angles)} directions: {best:.3f}")
fresh = rng.uniform(-1, 1, (1_000_000, 2))  # class 0 above x2 - x1 = 2/3
corner = (fresh[:, 1] - fresh[:, 0] > 2 / 3) == (fresh[:, 0] * fresh[:, 1] < 0)
print(f"the line x2 - x1 = 2/3 on a million fresh points: {corner.mean():.3f}")

# %% Training: binary cross-entropy from logits, full-batch Adam
loss_fn = tf.keras.losses.BinaryCrossentropy(from_logits=True)
print(f"loss of predicting 1/2 everywhere, ln 2: {np.log(2):.3f}")
def train(model):
    optimizer = tf.keras.optimizers.Adam(learning_rate=LEARNING_RATE)
    @tf.function
    def step():
        with tf.GradientTape() as tape:
            loss = loss_fn(y, model(X))
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))
    for _ in range(STEPS):
        step()
def accuracy(model):  # on the training points
    return np.mean((model(X).numpy() > 0) == labels)

# %% Three models
Dense = tf.keras.layers.Dense
models = {
    "linear": tf.keras.Sequential([Dense(1)]),
    "three linear layers": tf.keras.Sequential(  # no activations
        [Dense(HIDDEN), Dense(HIDDEN), Dense(1)]),
    "MLP, 16 ReLU units": tf.keras.Sequential(
        [Dense(HIDDEN, activation="relu"), Dense(1)]),
}
for name, model in models.items():
    train(model)
    loss = float(loss_fn(y, model(X)))
    print(f"{name}: loss {loss:.3f}, accuracy {accuracy(model):.3f}")

# %% The MLP against the linear model, for three seeds
mlp_accuracy = []
for seed in SEEDS:
    tf.keras.utils.set_random_seed(seed)
    lin = tf.keras.Sequential([Dense(1)])
    mlp = tf.keras.Sequential([Dense(HIDDEN, activation="relu"), Dense(1)])
    train(lin), train(mlp)
    mlp_accuracy.append(accuracy(mlp))
    print(f"seed {seed}: linear {accuracy(lin):.3f}, MLP {accuracy(mlp):.3f}")
print(f"MLP, lowest over {len(SEEDS)} seeds: {min(mlp_accuracy):.3f}")

# %% Three linear layers multiply out to one linear map x @ W + b
L1, L2, L3 = models["three linear layers"].layers
W = L1.kernel @ L2.kernel @ L3.kernel
b = (L1.bias[None] @ L2.kernel + L2.bias) @ L3.kernel + L3.bias
gap = np.abs(models["three linear layers"](X) - (X @ W + b)).max()
print(f"three linear layers = one linear map: max difference {gap:.1e}")

# %% Figure: each model's boundary
axis = np.linspace(-1, 1, 200)
grid = np.stack(np.meshgrid(axis, axis), axis=-1).reshape(-1, 2)
fig, axes = plt.subplots(1, 3, figsize=(11, 3.6))
for ax, (name, model) in zip(axes, models.items()):
    prob = tf.sigmoid(model(grid.astype("float32"))).numpy()
    prob = prob.reshape(len(axis), len(axis))
    ax.contourf(axis, axis, prob, levels=np.linspace(0, 1, 11),
                cmap="RdBu_r", alpha=0.7)
    ax.contour(axis, axis, prob, levels=[0.5], colors="k")  # boundary
    ax.scatter(points[:, 0], points[:, 1], c=labels[:, 0], cmap="RdBu_r",
               s=12, edgecolors="w", linewidths=0.4)
    ax.set_title(name)
fig.suptitle("TensorFlow, XOR: each model's boundary (black) and its data")
plt.show()
