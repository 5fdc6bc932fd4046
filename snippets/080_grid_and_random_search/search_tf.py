# %% Settings
import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits

DATA_SEED, SEEDS = 0, (0, 1, 2)  # the split; the searches (and training)
N_TRAIN, N_VAL = 1000, 400  # of 1797 digits; the rest is the test set
HIDDEN, STEPS = 32, 100  # one hidden layer, full-batch Adam steps
LR_MIN, LR_MAX = 1e-5, 1.0  # learning rate, searched on a log scale
DROPOUT_MIN, DROPOUT_MAX = 0.0, 0.5
BUDGET, GRID_SIDE = 9, 3  # trials per search; grid: 3 x 3 = 9
for name in ("DATA_SEED SEEDS N_TRAIN N_VAL HIDDEN STEPS LR_MIN LR_MAX "
             "DROPOUT_MIN DROPOUT_MAX BUDGET GRID_SIDE").split():
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
# %% Data: digits, one fixed train / validation / test split
X, y = load_digits(return_X_y=True)
order = np.random.default_rng(DATA_SEED).permutation(len(X))
X, y = (X[order] / 16).astype("float32"), y[order]
X_train, X_val, X_test = np.split(X, [N_TRAIN, N_TRAIN + N_VAL])
y_train, y_val, y_test = np.split(y, [N_TRAIN, N_TRAIN + N_VAL])
print(f"train: {len(X_train)}, validation: {len(X_val)}, test: {len(X_test)}")
# %% The network and its training loop
hidden = keras.layers.Dense(HIDDEN, activation="relu")
output = keras.layers.Dense(10)
model = keras.Sequential([keras.Input((64,)), hidden, output])
adam = keras.optimizers.Adam()
adam.build(model.trainable_variables)
loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
@tf.function  # built and traced once: every trial reuses them
def fit(dropout, seed):
    for step in tf.range(STEPS):
        with tf.GradientTape() as tape:
            h = hidden(X_train)
            noise = tf.random.stateless_uniform(tf.shape(h), [seed, step])
            h = tf.where(noise >= dropout, h / (1 - dropout), 0 * h)
            loss = loss_fn(y_train, output(h))
        grads = tape.gradient(loss, model.trainable_variables)
        adam.apply_gradients(zip(grads, model.trainable_variables))
# %% A trial: fresh weights, train, score
def train(learning_rate, dropout, seed):  # fresh weights and Adam state
    init = keras.initializers.GlorotUniform(seed)  # Dense's default
    for layer in (hidden, output):
        layer.kernel.assign(init(layer.kernel.shape))
        layer.bias.assign(tf.zeros_like(layer.bias))
    for v in adam.variables:  # the moments, the step count, the rate
        v.assign(tf.zeros_like(v))
    adam.learning_rate.assign(learning_rate)
    fit(tf.constant(dropout, tf.float32), tf.constant(seed))
    return model
def accuracy(model, X, y):
    return float(np.mean(np.argmax(model(X), axis=1) == y))
# %% Grid and random search, from scratch
def grid_points():  # GRID_SIDE values of each, every combination
    lrs = np.geomspace(LR_MIN, LR_MAX, GRID_SIDE)
    drops = np.linspace(DROPOUT_MIN, DROPOUT_MAX, GRID_SIDE)
    return [(lr, d) for lr in lrs for d in drops]
def random_points(seed):  # BUDGET independent draws from the same box
    rng = np.random.default_rng(seed)
    lrs = 10 ** rng.uniform(np.log10(LR_MIN), np.log10(LR_MAX), BUDGET)
    return list(zip(lrs, rng.uniform(DROPOUT_MIN, DROPOUT_MAX, BUDGET)))
# %% Run both at the same budget, once per seed
traces = {"grid": [], "random": []}  # validation accuracy, trial by trial
for seed in SEEDS:
    for name, points in (("grid", grid_points()),
                         ("random", random_points(seed))):
        models = (train(lr, d, seed) for lr, d in points)
        scores, tests = zip(*[(accuracy(m, X_val, y_val),
                               accuracy(m, X_test, y_test)) for m in models])
        traces[name].append(scores)
        chosen = int(np.argmax(scores))  # on validation; test only reported
        (lr, d), test = points[chosen], tests[chosen]
        n_lrs = len({float(lr) for lr, _ in points})
        print(f"seed {seed} {name:>6}: best val {max(scores):.3f} "
              f"(lr {lr:.1e}, dropout {d:.2f}), test {test:.3f}, "
              f"{n_lrs} lrs")
# %% Over the seeds: the best validation accuracy each search found
best = {name: np.max(t, axis=1) for name, t in traces.items()}
for name, b in best.items():
    print(f"{name:>6}: mean {b.mean():.3f}, min {b.min():.3f}, "
          f"max {b.max():.3f}")
wins = int(np.sum(best["random"] > best["grid"]))
print(f"random ahead of grid in {wins} of {len(SEEDS)} seeds")
decades = np.log10(LR_MAX / LR_MIN)  # log-uniform: each decade equally likely
print(f"chance that {BUDGET} random draws all miss a given decade of lr: "
      f"{(1 - 1 / decades) ** BUDGET:.3f}")
# %% Best so far, trial by trial
fig, ax = plt.subplots(figsize=(6, 3.5))
for name, color in (("grid", "tab:blue"), ("random", "tab:orange")):
    so_far = np.maximum.accumulate(traces[name], axis=1)
    trials = np.arange(1, BUDGET + 1)
    ax.plot(trials, so_far.T, color=color, alpha=0.3)
    ax.plot(trials, so_far.mean(0), color=color, lw=2, label=f"{name}, mean")
ax.set(xlabel="trial", ylabel="best validation accuracy so far")
ax.set_title(f"Grid vs random search, {len(SEEDS)} seeds (thin lines)")
ax.legend()
plt.show()
