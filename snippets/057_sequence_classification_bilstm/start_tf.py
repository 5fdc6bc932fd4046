# %% Settings
import keras
import numpy as np

DATA_SEED = 0  # the generated sequences
SEEDS = (0, 1, 2)  # initialisation and shuffling, one run per seed
TIME_STEPS = 30
FILLERS = 4  # symbols 0-3 are noise
WHERE = "start"  # the class symbol sits near the start or the end
WINDOW = 3  # within the first or the last WINDOW steps
N_TRAIN, N_TEST = 1000, 1000
UNITS = 16  # per direction in the BiLSTM
LSTM_UNITS = 24  # the one-directional LSTM: about the same parameters
EPOCHS = 3
BATCH_SIZE = 100
LEARNING_RATE = 0.02
for name in ["DATA_SEED", "SEEDS", "TIME_STEPS", "FILLERS", "WHERE",
             "WINDOW", "N_TRAIN", "N_TEST", "UNITS", "LSTM_UNITS", "EPOCHS",
             "BATCH_SIZE", "LEARNING_RATE"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: one class symbol, X or Y, near the start or near the end
def make(n, where, rng):
    seq = rng.integers(0, FILLERS, (n, TIME_STEPS))
    label = rng.integers(0, 2, n)
    step = rng.integers(0, WINDOW, n)
    if where == "end":
        step = TIME_STEPS - 1 - step
    seq[np.arange(n), step] = FILLERS + label  # X = 4, Y = 5
    one_hot = np.eye(FILLERS + 2, dtype="float32")
    return one_hot[seq], label
rng = np.random.default_rng(DATA_SEED)
(X_train, y_train), (X_test, y_test) = (make(N_TRAIN, WHERE, rng),
                                        make(N_TEST, WHERE, rng))

# %% Baselines: the majority class, and a bag of words (order ignored)
from sklearn.linear_model import LogisticRegression
majority = max(y_test.mean(), 1 - y_test.mean())
print(f"majority class accuracy (test): {majority:.3f}")
counts_train, counts_test = X_train.sum(1), X_test.sum(1)  # per symbol
bow = LogisticRegression().fit(counts_train, y_train)
print(f"bag-of-words accuracy (test): {bow.score(counts_test, y_test):.3f}")

# %% Many-to-one: the final states, then a linear layer
def build(bidirectional):  # return_sequences=False: final states only
    lstm = keras.layers.LSTM(UNITS if bidirectional else LSTM_UNITS)
    return keras.Sequential([
        keras.Input((TIME_STEPS, FILLERS + 2)),
        keras.layers.Bidirectional(lstm) if bidirectional else lstm,
        keras.layers.Dense(2)])  # [last forward ; last backward] -> 2

# %% Training: the same budget for both
models = {}  # one compiled model per kind, re-initialised for each run
def train(bidirectional, seed):
    keras.utils.set_random_seed(seed)
    if bidirectional not in models:
        models[bidirectional] = build(bidirectional)
        models[bidirectional].compile(keras.optimizers.Adam(LEARNING_RATE),
            loss=keras.losses.SparseCategoricalCrossentropy(True))
    model = models[bidirectional]
    model.set_weights(build(bidirectional).get_weights())  # this seed's init
    for v in model.optimizer.variables:  # and a fresh Adam state
        if not v.path.endswith("learning_rate"):
            v.assign(np.zeros(v.shape, v.dtype))
    model.fit(X_train, y_train, batch_size=BATCH_SIZE, epochs=EPOCHS,
              verbose=0)
    acc = np.mean(np.argmax(model(X_test), 1) == y_test)
    return acc, model.count_params()
# %% BiLSTM and LSTM, three seeds each
acc = []
for seed in SEEDS:
    (bi, n_bi), (uni, n_uni) = train(True, seed), train(False, seed)
    acc.append((bi, uni))
    print(f"{WHERE}, seed {seed}: BiLSTM {bi:.3f}, LSTM {uni:.3f}")
a = np.array(acc)
for i, name in enumerate(["BiLSTM", "LSTM"]):
    print(f"{name}: mean {a[:, i].mean():.3f}, min {a[:, i].min():.3f}, "
          f"max {a[:, i].max():.3f}")
print("parameters: BiLSTM", n_bi, "LSTM", n_uni)
