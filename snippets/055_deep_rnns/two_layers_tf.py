# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import statsmodels.api as sm
import tensorflow as tf

tf.config.threading.set_intra_op_parallelism_threads(1)  # a small RNN runs
tf.config.threading.set_inter_op_parallelism_threads(1)  # faster on one thread
WINDOW = 12  # years of history per input (days 46 and 50)
SPLIT_YEAR = 1950  # train on the years before, test on this year and after
HIDDEN = 16  # units per layer: day 50's one layer, and a stack of two
LEARNING_RATE = 0.01
BATCH_SIZE = 64
EPOCHS = 60
SEEDS = (0, 1, 2, 3, 4)
CONFIGS = ((2, HIDDEN),)  # (layers, units per layer)
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
ar = {part: rmse(lagged @ coef, part) for part in ("train", "test")}
print(f"AR(12): train RMSE {ar['train']:.1f}, test RMSE {ar['test']:.1f}")

# %% Stacked RNNs: each layer reads the whole sequence of the one below
def Forecaster(layers, units):
    stack = [tf.keras.layers.SimpleRNN(units, return_sequences=True)
             for _ in range(layers - 1)]  # all states, for the next layer
    return tf.keras.Sequential([
        tf.keras.Input(shape=(WINDOW, 1)), *stack,
        tf.keras.layers.SimpleRNN(units),  # the top layer's last state
        tf.keras.layers.Dense(1)])
model = Forecaster(2, HIDDEN)
print("two layers: layer outputs",
      *[tuple(layer.output.shape) for layer in model.layers[:2]])
for layers, units in ((1, HIDDEN), *CONFIGS):
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

# %% Train and test RMSE by seed, their mean and standard deviation
print(f"RMSE by seed {SEEDS}; mean and sd (n - 1) over the seeds")
for (layers, units), rows in results.items():
    for part, r in zip(("train", "test"), np.array(rows).T):
        print(f"{layers} x {units} {part:>5}", *(f"{v:5.1f}" for v in r),
              f"  mean {r.mean():5.1f}  sd {r.std(ddof=1):4.1f}")

# %% Each seed as a point: train RMSE against test RMSE
colours = {(1, 16): "C0", (1, 27): "C1", (2, 16): "C2"}  # as in both figures
fig, ax = plt.subplots(figsize=(6, 3.5))
for (layers, units), rows in results.items():
    ax.plot(*np.array(rows).T, "o", color=colours[layers, units],
            label=f"{layers} x {units}, one point per seed")
ax.plot(ar["train"], ar["test"], "k*", ms=12, label="AR(12)")
ax.axhline(ar["test"], color="k", lw=0.8, ls=":")  # below it: beats AR(12)
ax.set(xlabel="train RMSE", ylabel="test RMSE", xlim=(4, 16), ylim=(16, 26))
ax.set_title("TensorFlow: two layers of 16, train vs test RMSE")
ax.legend(loc="upper right", fontsize=8)
plt.show()
