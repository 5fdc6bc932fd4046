# %% Settings
import numpy as np
import statsmodels.api as sm
import tensorflow as tf

WINDOW = 12  # years of history per input (days 46 and 50)
SPLIT_YEAR = 1950  # train on the years before, test on this year and after
HIDDEN = 16  # units: day 50's one layer
LEARNING_RATE = 0.01
BATCH_SIZE = 64
EPOCHS = 60
SEEDS = (0, 1, 2)
CONFIGS = ((1, HIDDEN),)  # (layers, units per layer)
for name in ["WINDOW", "SPLIT_YEAR", "HIDDEN", "LEARNING_RATE",
             "BATCH_SIZE", "EPOCHS", "SEEDS", "CONFIGS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Day 50's data: split by year, scaled with the training years, windowed
data = sm.datasets.sunspots.load_pandas().data
years = data["YEAR"].to_numpy().astype(int)
x = data["SUNACTIVITY"].to_numpy()
n_train = int((years < SPLIT_YEAR).sum())
mean, std = x[:n_train].mean(), x[:n_train].std()  # training years only
windows = np.lib.stride_tricks.sliding_window_view((x - mean) / std, WINDOW)
inputs = windows[:-1, :, None].astype("float32")
targets = ((x[WINDOW:, None] - mean) / std).astype("float32")
train, truth = n_train - WINDOW, x[WINDOW:]
def rmse(pred, part):  # in sunspot numbers, on the train or test targets
    cut = slice(0, train) if part == "train" else slice(train, None)
    return np.sqrt(np.mean((pred[cut] - truth[cut]) ** 2))
lagged = np.hstack([windows[:-1] * std + mean, np.ones((len(truth), 1))])
coef = np.linalg.lstsq(lagged[:train], truth[:train], rcond=None)[0]
ar_test = rmse(lagged @ coef, "test")
print(f"AR(12) test RMSE: {ar_test:.1f}")

# %% The one-layer model of day 50, built to stack
def Forecaster(layers, units):
    stack = [tf.keras.layers.SimpleRNN(units, return_sequences=True)
             for _ in range(layers - 1)]  # all states, for the next layer
    return tf.keras.Sequential([
        tf.keras.Input(shape=(WINDOW, 1)), *stack,
        tf.keras.layers.SimpleRNN(units),  # the top layer's last state
        tf.keras.layers.Dense(1)])
for layers, units in CONFIGS:
    n = Forecaster(layers, units).count_params()
    print(f"{layers} x {units}: {n} parameters")

def compiled(layers, units):  # once per model, re-initialised per seed
    model = Forecaster(layers, units)
    adam = tf.keras.optimizers.Adam(learning_rate=LEARNING_RATE)
    model.compile(optimizer=adam, loss="mse")
    return model

# %% Train each model with each seed
def fit(model, layers, units, seed):  # model: compiled once per config
    tf.keras.utils.set_random_seed(seed)
    model.set_weights(Forecaster(layers, units).get_weights())  # fresh
    for v in model.optimizer.variables:  # Adam's step count and moments
        if "learning_rate" not in v.path:
            v.assign(tf.zeros_like(v))
    passes = tf.data.Dataset.from_tensor_slices((inputs[:train],
                                                 targets[:train]))
    passes = passes.shuffle(train).batch(BATCH_SIZE).repeat(EPOCHS)
    model.fit(passes, shuffle=False, verbose=0)  # one call for all EPOCHS
    pred = model(inputs).numpy()[:, 0] * std + mean  # unscaled
    return rmse(pred, "train"), rmse(pred, "test")
results = {}
for c in CONFIGS:
    model = compiled(*c)
    results[c] = [fit(model, *c, seed) for seed in SEEDS]

# %% Train and test RMSE, per seed and on average
print("model   train RMSE by seed   test RMSE by seed   mean test")
for (layers, units), rows in results.items():
    train_rmse, test_rmse = np.array(rows).T
    print(f"{layers} x {units}:",
          " ".join(f"{r:5.1f}" for r in train_rmse), "  ",
          " ".join(f"{r:5.1f}" for r in test_rmse), f"{test_rmse.mean():7.1f}")
