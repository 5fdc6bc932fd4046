# %% Settings: one task, one budget, both cells
import time
import keras
import matplotlib.pyplot as plt
import numpy as np
from sklearn.linear_model import LogisticRegression

SYMBOLS = 4  # one-hot inputs
LENGTH = 6  # steps per sequence
N_TRAIN, N_TEST = 2048, 1024
UNITS = 16
BATCH_SIZE = 128
LEARNING_RATE = 0.02  # Adam, the same for both cells
EPOCHS = 12
DATA_SEED = 0
SEEDS = (0, 1, 2)
for name in ["SYMBOLS", "LENGTH", "N_TRAIN", "N_TEST", "UNITS", "BATCH_SIZE",
             "LEARNING_RATE", "EPOCHS", "DATA_SEED", "SEEDS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
# %% The task: is the last symbol the same as the first?
rng = np.random.default_rng(DATA_SEED)
def make(n):
    s = rng.integers(0, SYMBOLS, (n, LENGTH))
    y = rng.integers(0, 2, n)  # half "same", half "different"
    other = (s[:, 0] + rng.integers(1, SYMBOLS, n)) % SYMBOLS
    s[:, -1] = np.where(y == 1, s[:, 0], other)
    return np.eye(SYMBOLS, dtype="float32")[s], y.astype("float32")
(X_train, y_train), (X_test, y_test) = make(N_TRAIN), make(N_TEST)
print(f"train: {X_train.shape}, share 'same': {y_train.mean():.3f}")
# %% Baselines: the majority class, and a linear model on all steps
majority = max(y_test.mean(), 1 - y_test.mean())
flat = LogisticRegression(max_iter=1000)  # sees all steps at once
flat.fit(X_train.reshape(N_TRAIN, -1), y_train)
linear = flat.score(X_test.reshape(N_TEST, -1), y_test)
half = X_test[:, 0].argmax(1) // 2 == X_test[:, -1].argmax(1) // 2
print(f"baseline, majority class: {majority:.3f}\n"
      f"baseline, logistic regression: {linear:.3f}\n"
      f"one-bit rule (first, last in one half): {np.mean(half == y_test):.3f}")
# %% The two models: a recurrent layer, then one logit from the last h
def Net(kind):
    return keras.Sequential([keras.Input((LENGTH, SYMBOLS)),
                             getattr(keras.layers, kind)(UNITS),
                             keras.layers.Dense(1)])
for kind in ("LSTM", "GRU"):
    print(f"{kind} parameters: {Net(kind).count_params()}")
# %% A fresh start per seed: initial weights and Adam's state
compiled = {}  # one model per cell, compiled once (no XLA)
def fresh_model(kind, seed):
    keras.utils.set_random_seed(seed)
    fresh = Net(kind)  # this seed's initial weights
    if kind not in compiled:
        compiled[kind] = fresh
        fresh.compile(keras.optimizers.Adam(LEARNING_RATE),
                      loss=keras.losses.BinaryCrossentropy(True),
                      steps_per_execution=16, jit_compile=False)
    model = compiled[kind]
    model.set_weights(fresh.get_weights())
    for v in model.optimizer.variables:  # Adam's state back to the start
        v.assign(LEARNING_RATE if "learning_rate" in v.path else 0 * v)
    return model
# %% Training: the same budget for both; test accuracy after each epoch
def train(kind, seed):
    model, curve, said = fresh_model(kind, seed), [], []
    def score(epoch, logs):
        said.append(model.predict_on_batch(X_test)[:, 0] > 0)
        curve.append(np.mean(said[-1] == y_test))
    start = time.perf_counter()
    model.fit(X_train, y_train, batch_size=BATCH_SIZE, epochs=EPOCHS,
              callbacks=[keras.callbacks.LambdaCallback(on_epoch_end=score)],
              verbose=0)
    return curve, time.perf_counter() - start, said[-1]
# %% Test accuracy after the last epoch, every seed
runs = {kind: [train(kind, s) for s in SEEDS] for kind in ("LSTM", "GRU")}
for kind, results in runs.items():
    acc = np.array([curve[-1] for curve, *_ in results])
    print(f"{kind} test accuracy by seed:", *(f"{a:.3f}" for a in acc), end="")
    print(f"; mean {acc.mean():.3f}, spread {acc.max() - acc.min():.3f}")
    late = " ".join(f"{c[-1] - c[-4]:+.3f}" for c, *_ in results)
    print(f"{kind} change over the last 3 epochs: {late}")
    same = " ".join(f"{np.mean(p == half):.3f}" for *_, p in results)
    print(f"{kind} predictions, share equal to the rule's: {same}")
sign = np.sign([g[0][-1] - l[0][-1] for g, l in zip(runs["GRU"], runs["LSTM"])])
print("GRU ahead, tied, behind (seeds):", *(sum(sign == s) for s in (1, 0, -1)))
# %% Test accuracy at each epoch's end
fig, ax = plt.subplots(figsize=(6, 3))
for kind, style in (("LSTM", "-"), ("GRU", "--")):
    for s, (curve, *_) in zip(SEEDS, runs[kind]):
        ax.plot(range(1, EPOCHS + 1), curve, style, color=f"C{s}",
                label=f"{kind}, seed {s}")
ax.axhline(linear, color="gray", lw=0.8, label="logistic regression")
ax.legend(fontsize=7, ncol=2)
ax.set(xlabel="epoch", ylabel="test accuracy")
ax.set_title("Keras: LSTM vs GRU, is the last symbol the first?")
plt.show()
# %% Time per training run
# verified: timing
print("seconds: this machine's, per run (fastest of 3 seeds, not asserted)")
for kind, results in runs.items():
    print(f"{kind}: {min(t for _, t, _ in results):.2f}")
