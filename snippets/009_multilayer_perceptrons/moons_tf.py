# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import make_moons
from sklearn.linear_model import LogisticRegression

DATA_SEED = 0
SEEDS = (0, 1, 2)  # initial weights, one run per seed
N_POINTS, N_TRAIN = 600, 400
NOISE = 0.2
HIDDEN = 32
LEARNING_RATE = 0.01
STEPS = 500  # full-batch Adam steps, for every model
for name in ["DATA_SEED", "SEEDS", "N_POINTS", "N_TRAIN", "NOISE", "HIDDEN",
             "LEARNING_RATE", "STEPS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Two moons: 400 points to train, 200 to test
X, y = make_moons(N_POINTS, noise=NOISE, random_state=DATA_SEED)  # shuffled
X, y = X.astype("float32"), y.astype("float32")[:, None]
X_train, y_train = X[:N_TRAIN], y[:N_TRAIN]
X_test, y_test = X[N_TRAIN:], y[N_TRAIN:]
loss_fn = tf.keras.losses.BinaryCrossentropy(from_logits=True)

# %% The strong simple baseline: logistic regression, solved to convergence
baseline = LogisticRegression(penalty=None).fit(X_train, y_train[:, 0])
print(f"scikit-learn logistic regression: test accuracy "
      f"{baseline.score(X_test, y_test[:, 0]):.3f}")


# %% Models
def build(hidden):  # two hidden layers of 32 ReLU units, or none
    Dense = tf.keras.layers.Dense
    relu = [Dense(HIDDEN, activation="relu") for _ in range(2 * hidden)]
    return tf.keras.Sequential(relu + [Dense(1)])


def accuracy(model, X, y):
    return np.mean((model(X).numpy() > 0) == y)


# %% Training: full-batch Adam on the binary cross-entropy
def train(model):
    optimizer = tf.keras.optimizers.Adam(learning_rate=LEARNING_RATE)

    @tf.function
    def step():
        with tf.GradientTape() as tape:
            loss = loss_fn(y_train, model(X_train))
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))

    for _ in range(STEPS):
        step()
    return model


# %% One run per seed: test accuracy, and the MLP's train accuracy
for seed in SEEDS:
    tf.keras.utils.set_random_seed(seed)
    models = {"linear": train(build(0)), "MLP": train(build(1))}
    linear, mlp = (accuracy(m, X_test, y_test) for m in models.values())
    fit = accuracy(models["MLP"], X_train, y_train)
    print(f"seed {seed}: linear {linear:.3f}, MLP {mlp:.3f}, "
          f"gain {mlp - linear:+.3f}, MLP train accuracy {fit:.3f}")

# %% Figure: the last seed's boundaries on the test points
x0, x1 = np.meshgrid(np.linspace(-1.5, 2.5, 200), np.linspace(-1, 1.5, 200))
grid = np.stack([x0.ravel(), x1.ravel()], axis=1).astype("float32")
fig, axes = plt.subplots(1, 2, figsize=(9, 3.6))
for ax, (name, model) in zip(axes, models.items()):
    prob = tf.sigmoid(model(grid)).numpy().reshape(x0.shape)
    ax.contourf(x0, x1, prob, levels=np.linspace(0, 1, 11),
                cmap="RdBu_r", alpha=0.7)
    ax.contour(x0, x1, prob, levels=[0.5], colors="k")  # boundary
    ax.scatter(X_test[:, 0], X_test[:, 1], c=y_test[:, 0], cmap="RdBu_r",
               s=12, edgecolors="w", linewidths=0.4)
    ax.set_title(f"{name}, seed {seed}")
fig.suptitle("TensorFlow, two moons: boundaries (black) on the test points")
plt.show()
