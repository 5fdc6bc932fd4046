# %% Settings
import time

import keras
import keras_tuner
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits

DATA_SEED, SEED = 0, 0  # the split; the training of every model here
N_TRAIN, N_VAL = 1000, 400  # of 1797 digits; the rest is the test set
HIDDEN, STEPS = 32, 100  # one hidden layer, full-batch Adam steps
LR_MIN, LR_MAX = 1e-5, 1.0  # learning rate, searched on a log scale
DROPOUT_MIN, DROPOUT_MAX = 0.0, 0.5
for name in ("DATA_SEED SEED N_TRAIN N_VAL HIDDEN STEPS LR_MIN LR_MAX "
             "DROPOUT_MIN DROPOUT_MAX").split():
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
# %% How much each hyperparameter matters
log_lrs = np.linspace(np.log10(LR_MIN), np.log10(LR_MAX), 11)
sweep = [accuracy(train(10**g, 0.25, SEED), X_val, y_val) for g in log_lrs]
print("log10 lr:  " + " ".join(f"{g:5.1f}" for g in log_lrs))
print("val acc:   " + " ".join(f"{a:5.3f}" for a in sweep))
print(f"learning rate, dropout 0.25: val acc from {min(sweep):.3f} "
      f"to {max(sweep):.3f}")
fine = np.linspace(np.log10(LR_MIN), np.log10(LR_MAX), 1001)  # interpolated
better = np.mean(np.interp(fine, log_lrs, sweep) > sweep[5])  # than 10^-2.5
print(f"share of the log range better than 10^-2.5: {better:.2f}")
print(f"chance that 9 log-uniform draws all miss it: {(1 - better) ** 9:.3f}")
for g in (-2.0, -1.5):
    ends = [accuracy(train(10**g, d, SEED), X_val, y_val)
            for d in (DROPOUT_MIN, DROPOUT_MAX)]
    print(f"dropout {DROPOUT_MIN} vs {DROPOUT_MAX} at lr 10^{g}: "
          f"{ends[0]:.3f} vs {ends[1]:.3f}")
# %% What one trial costs
# verified: timing
start = time.perf_counter()
score = accuracy(train(1e-2, 0.25, SEED), X_val, y_val)
print(f"seconds per trial (this machine): {time.perf_counter() - start:.2f}")
# %% Seeding the tools: what does a seed give?
def draws(seed, n=2):  # a fresh random search's first n learning rates
    hp = keras_tuner.HyperParameters()
    hp.Float("learning_rate", LR_MIN, LR_MAX, sampling="log")
    oracle = keras_tuner.oracles.RandomSearchOracle(
        objective="val_accuracy", hyperparameters=hp, seed=seed)
    return [oracle.populate_space(str(i))["values"]["learning_rate"]
            for i in range(n)]
for seed in (0, 1):
    print(f"seed {seed}: two searches draw the same learning rates: "
          f"{draws(seed) == draws(seed)}")
print(f"seed 1's second learning rate is seed 2's first: "
      f"{draws(1)[1] == draws(2)[0]}")
