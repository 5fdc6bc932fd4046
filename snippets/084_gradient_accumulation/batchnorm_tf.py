# %% Settings
import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

DATA_SEED = 0  # the generated data and the initial weights
N_FEATURES = 8
HIDDEN = 32
BATCH_SIZE = 64  # the large batch
ACCUM_STEPS = 4  # k micro-batches
MICRO_BATCH = 16  # BATCH_SIZE / ACCUM_STEPS
GROUPS = 8  # GroupNorm: 8 groups of 4 hidden units
EPSILON = 1e-5  # the same in every normalization layer of both twins
SEEDS = (0, 1, 2)  # other draws of the data and weights, last cell
for name in ["DATA_SEED", "N_FEATURES", "HIDDEN", "BATCH_SIZE", "ACCUM_STEPS",
             "MICRO_BATCH", "GROUPS", "EPSILON", "SEEDS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data and initial weights, from NumPy
def draw(seed):  # inputs, targets and initial weights
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(BATCH_SIZE, N_FEATURES)).astype("float32")
    y = np.sin(X @ rng.normal(size=(N_FEATURES, 1))).astype("float32")
    W1 = rng.normal(size=(N_FEATURES, HIDDEN)) / np.sqrt(N_FEATURES)
    W2 = rng.normal(size=(HIDDEN, 1)) / np.sqrt(HIDDEN)
    return X, y, W1, W2
X, y, W1, W2 = draw(DATA_SEED)

# %% The network, with a normalization layer
L = keras.layers
NORMS = {"BatchNorm": lambda: L.BatchNormalization(epsilon=EPSILON),
         "LayerNorm": lambda: L.LayerNormalization(epsilon=EPSILON),
         "GroupNorm": lambda: L.GroupNormalization(GROUPS, epsilon=EPSILON)}
def build(norm):  # 8 -> 32 -> norm -> tanh -> 1, called with training=True
    model = keras.Sequential([keras.Input((N_FEATURES,)), L.Dense(HIDDEN),
                              NORMS[norm](), L.Activation("tanh"), L.Dense(1)])
    for layer, W in [(model.layers[0], W1), (model.layers[3], W2)]:
        layer.set_weights([W, np.zeros(W.shape[1])])
    return model
mse = keras.losses.MeanSquaredError()
print("Keras default epsilon:", L.BatchNormalization().epsilon)

# %% BatchNorm's statistics: the large batch against each micro-batch
h = build("BatchNorm").layers[0](X).numpy()  # what BatchNorm normalizes
means = [h.mean(axis=0)] + [m.mean(axis=0)
                            for m in np.split(h, ACCUM_STEPS)]
stds = [h.std(axis=0)] + [m.std(axis=0) for m in np.split(h, ACCUM_STEPS)]
print("unit 0, mean and std over the batch it sees")
for i, (m, s) in enumerate(zip(means, stds)):
    name = "large batch" if i == 0 else f"micro-batch {i}"
    print(f"{name:>13}: mean {m[0]:+.3f}, std {s[0]:.3f}")
shift = max(np.abs(m - means[0]).max() for m in means[1:])
print(f"all units, largest shift of a micro-batch mean: {shift:.3f}")

# %% Figure
fig, ax = plt.subplots(figsize=(7, 4))
for i, m in enumerate(means[1:], 1):
    ax.plot(m, "o", alpha=0.6, label=f"micro-batch {i}")
ax.plot(means[0], "k_", markersize=14, label="large batch")
ax.set(xlabel="hidden unit", ylabel="mean before normalization")
ax.set_title("TensorFlow: BatchNorm's means over 16 examples vs over 64")
ax.legend(fontsize=8, ncol=3, loc="upper center", bbox_to_anchor=(0.5, -0.2))
fig.tight_layout()
plt.show()

# %% Accumulated against large-batch gradients, for each normalization
def grads(model, xb, yb, scale=1):
    with tf.GradientTape() as tape:  # training=True: batch statistics
        loss = mse(yb, model(xb, training=True)) * scale
    return tape.gradient(loss, model.trainable_variables)
def gap(norm):  # the largest gradient entry, and the largest difference
    large, accum = build(norm), build(norm)
    g_large = grads(large, X, y)
    parts = [grads(accum, X[i:i + MICRO_BATCH], y[i:i + MICRO_BATCH],
                   1 / ACCUM_STEPS) for i in range(0, BATCH_SIZE, MICRO_BATCH)]
    pairs = [(a, tf.add_n(list(b))) for a, b in zip(g_large, zip(*parts))]
    size = max(float(tf.reduce_max(tf.abs(a))) for a, _ in pairs)
    return size, max(float(tf.reduce_max(tf.abs(a - b))) for a, b in pairs)
for norm in NORMS:
    print("{}: largest gradient {:.3f}, max abs diff {:.1e}".format(
        norm, *gap(norm)))

# %% Other draws of the data and initial weights
diffs = {norm: [] for norm in NORMS}
for seed in SEEDS:
    X, y, W1, W2 = draw(seed)  # build() and gap() read these
    for norm in NORMS:
        diffs[norm].append(gap(norm)[1])
X, y, W1, W2 = draw(DATA_SEED)
for norm, d in diffs.items():
    print(f"{norm} on each seed, max abs diff:", *(f"{v:.1e}" for v in d))
