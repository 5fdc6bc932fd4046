# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import statsmodels.api as sm
import tensorflow as tf

tf.config.threading.set_intra_op_parallelism_threads(1)  # a small RNN runs
tf.config.threading.set_inter_op_parallelism_threads(1)  # faster on one thread
WINDOW = 12  # years of history per input (day 46's convention)
SPLIT_YEAR = 1950  # train on the years before, test on this year and after
HIDDEN = 16  # units in the recurrent layer
LEARNING_RATE = 0.01
BATCH_SIZE = 64
EPOCHS = 60
SEEDS = (0, 1, 2, 3, 4)
for name in ["WINDOW", "SPLIT_YEAR", "HIDDEN", "LEARNING_RATE", "BATCH_SIZE",
             "EPOCHS", "SEEDS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Split by time, scale with the training years only, window
data = sm.datasets.sunspots.load_pandas().data
years = data["YEAR"].to_numpy().astype(int)
x = data["SUNACTIVITY"].to_numpy()
n_train = int((years < SPLIT_YEAR).sum())
mean, std = x[:n_train].mean(), x[:n_train].std()  # training years only
print(f"training years: {n_train}, mean {mean:.2f}, std {std:.2f}")
z = (x - mean) / std
windows = np.lib.stride_tricks.sliding_window_view(z, WINDOW)[:-1]
inputs = windows[:, :, None].astype("float32")
targets = z[WINDOW:, None].astype("float32")
train = n_train - WINDOW  # windows whose target is a training year
truth = x[WINDOW:]  # targets in sunspot numbers
print("inputs:", tuple(inputs.shape), "train:", train,
      "test:", len(truth) - train)

# %% Baselines: persistence and day 46's AR(12)
def rmse(pred, part):  # in sunspot numbers, on the train or test targets
    cut = slice(0, train) if part == "train" else slice(train, None)
    return np.sqrt(np.mean((pred[cut] - truth[cut]) ** 2))
lagged = np.hstack([windows * std + mean, np.ones((len(windows), 1))])
coef = np.linalg.lstsq(lagged[:train], truth[:train], rcond=None)[0]
baselines = {"persistence": x[WINDOW - 1 : -1], "AR(12)": lagged @ coef}
for name, pred in baselines.items():
    print(f"{name:>11}: train RMSE {rmse(pred, 'train'):5.1f}, "
          f"test RMSE {rmse(pred, 'test'):5.1f}")

# %% The model: an RNN reads the window, a linear layer reads its last state
def Forecaster():
    return tf.keras.Sequential([
        tf.keras.Input(shape=(WINDOW, 1)),  # (batch, WINDOW, 1)
        tf.keras.layers.SimpleRNN(HIDDEN),  # tanh; returns the last state
        tf.keras.layers.Dense(1)])
print("parameters:", Forecaster().count_params())

# %% Train once per seed, on the training windows only
def fit(seed):
    tf.keras.utils.set_random_seed(seed)
    model = Forecaster()
    adam = tf.keras.optimizers.Adam(learning_rate=LEARNING_RATE)
    model.compile(optimizer=adam, loss="mse")
    passes = tf.data.Dataset.from_tensor_slices((inputs[:train],
                                                 targets[:train]))
    passes = passes.shuffle(train).batch(BATCH_SIZE).repeat(EPOCHS)
    model.fit(passes, shuffle=False, verbose=0)  # one call for all EPOCHS
    return model.predict(inputs, verbose=0)[:, 0] * std + mean  # unscaled
ar_test = rmse(baselines["AR(12)"], "test")
forecasts = {}
for seed in SEEDS:
    forecasts[seed] = pred = fit(seed)
    print(f"seed {seed}: train RMSE {rmse(pred, 'train'):5.1f}, test RMSE "
          f"{rmse(pred, 'test'):5.1f}, minus AR(12) "
          f"{rmse(pred, 'test') - ar_test:+5.1f}")

# %% Over the seeds
tests = np.array([rmse(p, "test") for p in forecasts.values()])
print(f"RNN test RMSE: mean {tests.mean():.1f}, sd {tests.std(ddof=1):.1f}, "
      f"min {tests.min():.1f}, max {tests.max():.1f}")
print(f"seeds where the RNN beats AR(12): {(tests < ar_test).sum()} of "
      f"{len(SEEDS)}")
print(f"seeds where it beats persistence: "
      f"{(tests < rmse(baselines['persistence'], 'test')).sum()} of "
      f"{len(SEEDS)}")

# %% The test years, one year ahead
fig, ax = plt.subplots(figsize=(8, 3))
test_years = years[n_train:]
ax.plot(test_years, x[n_train:], "k.-", label="data")
ax.plot(test_years, forecasts[SEEDS[0]][train:], label=f"RNN, seed {SEEDS[0]}")
ax.plot(test_years, baselines["AR(12)"][train:], label="AR(12)")
ax.plot(test_years, baselines["persistence"][train:], ":", label="persistence")
ax.set(xlabel="year", ylabel="sunspot number", ylim=(0, 250))
ax.set_title("TensorFlow: one-year-ahead forecasts of the test years")
ax.legend(loc="upper left", fontsize=8, ncol=4)
plt.show()
