# %% Settings
import tempfile
import keras
import keras_tuner
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
# %% The two searches, with a tuning library
def space(name):  # a grid must be given its values; random search, ranges
    hp = keras_tuner.HyperParameters()
    if name == "grid":
        hp.Choice("learning_rate", [*np.geomspace(LR_MIN, LR_MAX, GRID_SIDE)])
        grid = np.linspace(DROPOUT_MIN, DROPOUT_MAX, GRID_SIDE).tolist()
        hp.Choice("dropout", grid)
    else:
        hp.Float("learning_rate", LR_MIN, LR_MAX, sampling="log")
        hp.Float("dropout", DROPOUT_MIN, DROPOUT_MAX)
    return hp
class Trial:  # run_trial overridden: a trial trains our model, no rebuild
    def run_trial(self, trial, seed, **kwargs):
        model = train(**trial.hyperparameters.values, seed=seed)
        return {"val_accuracy": accuracy(model, X_val, y_val),
                "test_accuracy": accuracy(model, X_test, y_test)}
class GridTuner(Trial, keras_tuner.GridSearch): pass
class RandomTuner(Trial, keras_tuner.RandomSearch): pass
# %% One search: a fresh tuner or study
def search(name, seed):  # -> [(lr, dropout, val acc, test acc)], in order
    with tempfile.TemporaryDirectory() as directory:
        tuner = (GridTuner if name == "grid" else RandomTuner)(
            hyperparameters=space(name), objective="val_accuracy",
            max_trials=BUDGET, seed=1 + 1000 * seed,  # not 0, not adjacent
            directory=directory, overwrite=True)
        tuner.search(seed, verbose=0)
    return [(t.hyperparameters["learning_rate"], t.hyperparameters["dropout"],
             t.metrics.get_last_value("val_accuracy"),
             t.metrics.get_last_value("test_accuracy"))
            for t in tuner.oracle.trials.values()]  # in the order they ran
# %% Run both at the same budget, once per seed
best = {"grid": [], "random": []}
for seed in SEEDS:
    for name in best:
        trials = search(name, seed)
        assert len(trials) == BUDGET  # the same budget for both searches
        lr, d, val, test = max(trials, key=lambda t: t[2])  # on validation
        best[name].append(val)
        print(f"seed {seed} {name:>6}: best val {val:.3f} "
              f"(lr {lr:.1e}, dropout {d:.2f}), test {test:.3f}, "
              f"{len({round(t[0], 12) for t in trials})} lrs")
# %% Over the seeds
for name, b in best.items():
    print(f"{name:>6}: mean {np.mean(b):.3f}, min {np.min(b):.3f}, "
          f"max {np.max(b):.3f}")
wins = int(np.sum(np.array(best["random"]) > np.array(best["grid"])))
print(f"random ahead of grid in {wins} of {len(SEEDS)} seeds")
