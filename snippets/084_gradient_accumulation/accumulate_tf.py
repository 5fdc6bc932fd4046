# %% Settings
import keras
import numpy as np
import tensorflow as tf

DATA_SEED = 0  # the generated data and the initial weights
N_FEATURES = 8
HIDDEN = 32
BATCH_SIZE = 64  # the large batch: one optimizer step
ACCUM_STEPS = 4  # k micro-batches per optimizer step
MICRO_BATCH = 16  # BATCH_SIZE / ACCUM_STEPS
LEARNING_RATE = 0.05
MOMENTUM = 0.9
STEPS = 5  # optimizer steps compared
UNEVEN_BATCH = 56  # micro-batches of 16, 16, 16 and 8
SEEDS = (0, 1, 2)  # other draws of the data and weights, last cell
for name in ["DATA_SEED", "N_FEATURES", "HIDDEN", "BATCH_SIZE", "ACCUM_STEPS",
             "MICRO_BATCH", "LEARNING_RATE", "MOMENTUM", "STEPS",
             "UNEVEN_BATCH", "SEEDS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data and one set of initial weights, both from NumPy
def draw(seed):  # inputs, targets and initial weights
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(BATCH_SIZE * STEPS, N_FEATURES)).astype("float32")
    y = np.sin(X @ rng.normal(size=(N_FEATURES, 1))).astype("float32")
    W1 = rng.normal(size=(N_FEATURES, HIDDEN)) / np.sqrt(N_FEATURES)
    W2 = rng.normal(size=(HIDDEN, 1)) / np.sqrt(HIDDEN)
    return X, y, W1, W2
X, y, W1, W2 = draw(DATA_SEED)
def build():  # 8 -> 32 tanh -> 1, weights copied in (Dense stores W)
    model = keras.Sequential([keras.Input((N_FEATURES,)),
                              keras.layers.Dense(HIDDEN, activation="tanh"),
                              keras.layers.Dense(1)])
    for layer, W in zip(model.layers, [W1, W2]):
        layer.set_weights([W, np.zeros(W.shape[1])])
    return model
mse = keras.losses.MeanSquaredError()  # mean over the examples
def max_diff(a, b):  # the largest |a - b| over all tensors of two lists
    return max(float(np.abs(np.subtract(u, v)).max()) for u, v in zip(a, b))

# %% One large batch against k micro-batches
def grads(model, xb, yb, scale=1):
    with tf.GradientTape() as tape:
        loss = mse(yb, model(xb)) * scale
    return tape.gradient(loss, model.trainable_variables)
large, accum = build(), build()
g_large = grads(large, X[:BATCH_SIZE], y[:BATCH_SIZE])  # one mean
g_accum = [tf.Variable(tf.zeros_like(v)) for v in accum.trainable_variables]
for i in range(0, BATCH_SIZE, MICRO_BATCH):
    xb, yb = X[i:i + MICRO_BATCH], y[i:i + MICRO_BATCH]
    for total, g in zip(g_accum, grads(accum, xb, yb, 1 / ACCUM_STEPS)):
        total.assign_add(g)  # the sum the optimizer will see
print(f"largest gradient entry: {max_diff(g_large, [0] * 4):.3f}")  # |g - 0|
print(f"gradients, max abs diff: {max_diff(g_large, g_accum):.1e}")

# %% Training: one optimizer update every k micro-batches
def train(micro_batch):
    model = build()
    sgd = keras.optimizers.SGD(LEARNING_RATE, momentum=MOMENTUM)
    per_step = BATCH_SIZE // micro_batch  # 1 for the large batch
    total = [tf.Variable(tf.zeros_like(v)) for v in model.trainable_variables]
    @tf.function
    def micro_step(xb, yb):  # one micro-batch, added into the totals
        for t, g in zip(total, grads(model, xb, yb, 1 / per_step)):
            t.assign_add(g)
    for i, start in enumerate(range(0, len(X), micro_batch)):
        micro_step(X[start:start + micro_batch], y[start:start + micro_batch])
        if (i + 1) % per_step == 0:
            sgd.apply_gradients(zip(total, model.trainable_variables))
            [t.assign(tf.zeros_like(t)) for t in total]  # zero the totals
    return model.get_weights()
moved = max_diff(train(BATCH_SIZE), build().get_weights())
diff = max_diff(train(BATCH_SIZE), train(MICRO_BATCH))
print(f"weights moved by up to: {moved:.3f}")
print(f"weights after {STEPS} steps, max abs diff: {diff:.1e}")

# %% An uneven last micro-batch: divide by k, or weight by the count
ends = list(range(0, UNEVEN_BATCH, MICRO_BATCH)) + [UNEVEN_BATCH]
def accumulated(weigh):  # the sum of the weighted micro-batch gradients
    model = build()
    parts = [grads(model, X[i:j], y[i:j], weigh(j - i))
             for i, j in zip(ends, ends[1:])]
    return [tf.add_n(list(g)) for g in zip(*parts)]
g_whole = grads(build(), X[:UNEVEN_BATCH], y[:UNEVEN_BATCH])
print("micro-batch sizes:", *np.diff(ends))
for label, weigh in [("divided by k", lambda n: 1 / (len(ends) - 1)),
                     ("weighted n/N", lambda n: n / UNEVEN_BATCH)]:
    print(f"{label}, gradients, max abs diff: "
          f"{max_diff(g_whole, accumulated(weigh)):.1e}")

# %% Other draws of the data and initial weights
for seed in SEEDS:
    X, y, W1, W2 = draw(seed)  # build() and train() read these
    large = train(BATCH_SIZE)
    moved = max_diff(large, build().get_weights())
    diff = max_diff(large, train(MICRO_BATCH))
    print(f"seed {seed}: weights moved by up to {moved:.3f}, "
          f"after {STEPS} steps max abs diff {diff:.1e}")
X, y, W1, W2 = draw(DATA_SEED)
