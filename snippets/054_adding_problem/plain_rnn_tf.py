# %% Settings
import keras
import matplotlib.pyplot as plt
import numpy as np

DATA_SEED = 0  # the sequences; each seed draws the initial weights
SEEDS = (0, 1, 2)
SEQ_LEN = 30  # one marker in each half: the first is 15 to 29 steps back
N_TRAIN, N_TEST = 8000, 1000
HIDDEN = 16
BATCH_SIZE = 64
EPOCHS = 2
LEARNING_RATE = 0.02
for name in ["DATA_SEED", "SEEDS", "SEQ_LEN", "N_TRAIN", "N_TEST", "HIDDEN",
             "BATCH_SIZE", "EPOCHS", "LEARNING_RATE"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
print(f"updates per seed: {EPOCHS * -(-N_TRAIN // BATCH_SIZE)}")

# %% The adding problem: add the two marked values
def adding(rng, n):  # channel 0: values in [0, 1]; channel 1: two markers
    values = rng.uniform(0, 1, (n, SEQ_LEN))
    markers = np.zeros((n, SEQ_LEN))
    rows = np.arange(n)
    markers[rows, rng.integers(0, SEQ_LEN // 2, n)] = 1  # first half
    markers[rows, rng.integers(SEQ_LEN // 2, SEQ_LEN, n)] = 1  # second half
    x = np.stack([values, markers], axis=-1).astype("float32")
    return x, (values * markers).sum(axis=1, keepdims=True).astype("float32")
half = SEQ_LEN // 2
print(f"steps back: earlier marker {SEQ_LEN - half} to {SEQ_LEN - 1}, "
      f"later marker 0 to {SEQ_LEN - half - 1}")
rng = np.random.default_rng(DATA_SEED)
X_train, y_train = adding(rng, N_TRAIN)
X_test, y_test = adding(rng, N_TEST)
print(f"baseline MSE, predicting the mean 1: exact 1/6 = {1 / 6:.4f}, "
      f"on the test set {((y_test - 1) ** 2).mean():.4f}")
later = (X_test[:, SEQ_LEN // 2:].prod(axis=-1).sum(axis=1, keepdims=True)
         + 0.5)  # knows the later marked value, guesses 0.5 for the other
print(f"MSE knowing only the later value: exact 1/12 = {1 / 12:.4f}, "
      f"on the test set {((y_test - later) ** 2).mean():.4f}")

# %% The model: a plain tanh RNN, then a linear readout of the last state
def build():
    return keras.Sequential([keras.Input((SEQ_LEN, 2)),
                             keras.layers.SimpleRNN(HIDDEN),  # the last state
                             keras.layers.Dense(1)])
model = build()  # compiled once; each seed re-initialises its weights
model.compile(keras.optimizers.Adam(LEARNING_RATE), loss="mse")
print("parameters:", model.count_params())

# %% Training: Adam on the mean squared error, EPOCHS passes
def train(seed):
    keras.utils.set_random_seed(seed)
    model.set_weights(build().get_weights())  # this seed's initial weights
    for v in model.optimizer.variables:  # and no Adam moments from the last
        v.assign(v * 0) if "learning_rate" not in v.path else None
    model.fit(X_train, y_train, batch_size=BATCH_SIZE, epochs=EPOCHS,
              verbose=0)  # shuffles every epoch
    prediction = model(X_test).numpy()
    return prediction, float(((prediction - y_test) ** 2).mean())

# %% Three seeds
results = [train(seed) for seed in SEEDS]
mses = np.array([mse for _, mse in results])
for seed, (prediction, mse) in zip(SEEDS, results):
    print(f"seed {seed}: test MSE {mse:.4f}, "
          f"prediction std {prediction.std():.3f}")
print(f"target std {y_test.std():.3f}; test MSE: mean {mses.mean():.4f}, "
      f"min {mses.min():.4f}, max {mses.max():.4f}")

# %% Figure: predicted against true sums, seed 0
fig, ax = plt.subplots()
ax.scatter(y_test, results[0][0], s=4, alpha=0.5)
ax.plot([0, 2], [0, 2], color="gray", linestyle="--")
ax.set(xlabel="true sum", ylabel="predicted sum")
ax.set_title(f"TensorFlow: a tanh RNN on the adding problem, T = {SEQ_LEN}")
plt.show()
