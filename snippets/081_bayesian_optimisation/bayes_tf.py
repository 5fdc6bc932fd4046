# %% Settings
import tempfile
import warnings
import keras
import keras_tuner
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from threadpoolctl import threadpool_limits
DATA_SEED, SEEDS = 0, (0, 1, 2)  # the split; searches and training
N_TRAIN, N_VAL = 1000, 400  # of 1797 digits; the rest is the test set
HIDDEN, STEPS = 32, 100  # one hidden layer, full-batch Adam steps
LR_MIN, LR_MAX, DROPOUT_MIN, DROPOUT_MAX = 1e-5, 1.0, 0.0, 0.5  # lr: log
BUDGET, N_INITIAL = 10, 4  # trials per search; random ones first
for name in ("DATA_SEED SEEDS N_TRAIN N_VAL HIDDEN STEPS LR_MIN LR_MAX "
             "DROPOUT_MIN DROPOUT_MAX BUDGET N_INITIAL").split():
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
threadpool_limits(1)  # one BLAS thread: KerasTuner's GP is tiny (measured)
warnings.filterwarnings("ignore", module="sklearn")  # GP fit warnings
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
        layer.set_weights([init(layer.kernel.shape), np.zeros(layer.units)])
    for v in adam.variables:  # the moments, the step count, the rate
        v.assign(tf.zeros_like(v))
    adam.learning_rate.assign(learning_rate)
    fit(tf.constant(dropout, tf.float32), tf.constant(seed))
    return model
def accuracy(model, X, y):
    return float(np.mean(np.argmax(model(X), axis=1) == y))
# %% The searches, with a tuning library: a fresh tuner or study each
space = keras_tuner.HyperParameters()  # both draw from the same ranges
space.Float("learning_rate", LR_MIN, LR_MAX, sampling="log")
space.Float("dropout", DROPOUT_MIN, DROPOUT_MAX)
class Trial:  # run_trial overridden: a trial trains our model, no rebuild
    def run_trial(self, trial, seed, **kwargs):
        model = train(**trial.hyperparameters.values, seed=seed)
        return accuracy(model, X_val, y_val)  # recorded as "val_accuracy"
class BayesTuner(Trial, keras_tuner.BayesianOptimization): pass
class RandomTuner(Trial, keras_tuner.RandomSearch): pass
def search(name, seed):  # -> [(lr, dropout, val acc)], in order
    extra = {"num_initial_points": N_INITIAL} if name == "bayes" else {}
    tuner = (BayesTuner if name == "bayes" else RandomTuner)(
        hyperparameters=space.copy(), objective="val_accuracy",
        max_trials=BUDGET, seed=1 + 1000 * seed,  # not 0, not adjacent
        directory=tempfile.mkdtemp(), overwrite=True, **extra)
    tuner.search(seed, verbose=0)
    return [(*t.hyperparameters.values.values(), t.score)  # lr, dropout
            for t in tuner.oracle.trials.values()]  # in the order they ran
# %% Run both at the same budget, seed by seed
so_far, start = {}, {}  # (seed, name) -> best val acc so far; first settings
for seed in SEEDS:
    for name in ("bayes", "random"):
        trials = np.array(search(name, seed))  # rows: lr, dropout, val acc
        so_far[seed, name] = best = np.maximum.accumulate(trials[:, 2])
        start[seed, name] = trials[:N_INITIAL, :2].tolist()
        lr, d, val = max(trials, key=lambda t: t[2])  # on validation
        test = accuracy(train(lr, d, seed), X_test, y_test)  # reported only
        print(f"seed {seed} {name:>6}: best val {val:.3f} (lr {lr:.1e}, "
              f"dropout {d:.2f}), test {test:.3f}")
        print(f"seed {seed} {name:>6}: best after {N_INITIAL}, {BUDGET - 1} "
              f"and {len(trials)} trials: {best[N_INITIAL - 1]:.3f} "
              f"{best[BUDGET - 2]:.3f} {best[-1]:.3f}")
    print(f"seed {seed}: the first {N_INITIAL} trials, the same settings in "
          f"both: {start[seed, 'bayes'] == start[seed, 'random']}")
# %% Best so far, trial by trial
fig, axes = plt.subplots(1, len(SEEDS), figsize=(9, 3.2), layout="constrained")
for ax, seed in zip(axes, SEEDS):
    for name, color in (("bayes", "tab:green"), ("random", "tab:orange")):
        ax.plot(np.arange(1, BUDGET + 1), so_far[seed, name], "o-", c=color)
    ax.axvline(N_INITIAL + 0.5, color="gray", ls=":")  # model-based next
    ax.set(xlabel="trial", title=f"seed {seed}", xticks=range(1, BUDGET + 1, 3))
axes[0].legend(["bayes", "random"])
fig.suptitle("Model-based vs random search: best validation accuracy so far")
plt.show()
