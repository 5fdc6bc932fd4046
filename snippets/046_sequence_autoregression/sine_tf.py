# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

DATA_SEED = 0  # the noise in the generated sequence
T = 600  # time steps generated
PERIOD = 40  # time steps per cycle of the sine
NOISE = 0.2  # standard deviation of the added noise
WINDOW = 12  # lagged values used as features (the same on days 50 and 55)
N_TRAIN = 300  # the first N_TRAIN time steps are for fitting
HORIZONS = (1, 2, 4, 8, 16, 32, 64)  # steps ahead, for the k-step errors
for name in ["DATA_SEED", "T", "PERIOD", "NOISE", "WINDOW", "N_TRAIN",
             "HORIZONS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% A noisy sine and its lagged features
rng = np.random.default_rng(DATA_SEED)
t = np.arange(T)
noise = NOISE * rng.standard_normal(T)  # the part no model can predict
x = np.sin(2 * np.pi * t / PERIOD) + noise
x = tf.constant(x, dtype=tf.float64)
features = tf.signal.frame(x, WINDOW, 1)[:-1]  # row i: x[i : i + WINDOW]
labels = x[WINDOW:]  # the value that follows each row
print("features:", tuple(features.shape), "labels:", tuple(labels.shape))
print("row 0:", " ".join(f"{v:.2f}" for v in features[0, :6]), "...")
print("label 0:", f"{labels[0]:.2f}", "= x[WINDOW]:", f"{x[WINDOW]:.2f}")

# %% A linear autoregression, fitted by least squares
def design(f):  # the lagged values and a column of ones for the intercept
    return tf.concat([f, tf.ones((len(f), 1), dtype=f.dtype)], axis=1)
fit = N_TRAIN - WINDOW  # rows whose label lies in the first N_TRAIN steps
coef = tf.linalg.lstsq(design(features[:fit]), labels[:fit, None], fast=False)
coef = coef[:, 0]
def rmse(a, b):
    return float(tf.sqrt(tf.reduce_mean((a - b) ** 2)))
one_step = tf.linalg.matvec(design(features), coef)
print(f"one-step RMSE, fit part: {rmse(one_step[:fit], labels[:fit]):.3f}")
print(f"one-step RMSE, later:    {rmse(one_step[fit:], labels[fit:]):.3f}")

# %% k steps ahead: predictions fed back as inputs
def ahead(windows, k):  # forecasts 1, ..., k steps ahead from each window
    steps = []
    for _ in range(k):
        steps.append(tf.linalg.matvec(design(windows), coef))
        windows = tf.concat([windows[:, 1:], steps[-1][:, None]], axis=1)
    return tf.stack(steps, axis=1)
print(f"noise floor (the noise's standard deviation): {NOISE}")
print(f"noise drawn on steps {N_TRAIN}-{T - 1}: RMS "
      f"{np.sqrt(np.mean(noise[N_TRAIN:] ** 2)):.3f}")
for k in HORIZONS:  # origins: every window that ends at or after N_TRAIN
    forecast = ahead(features[fit : len(features) - k + 1], k)[:, -1]
    truth = x[N_TRAIN + k - 1 :]
    print(f"{k:2d} steps ahead: RMSE {rmse(forecast, truth):.3f}"
          f" over {len(truth)} forecasts")

# %% One-step predictions against a free-running forecast
free = ahead(features[fit : fit + 1], T - N_TRAIN)[0]  # from step N_TRAIN on
print(f"free-running for {T - N_TRAIN} steps: RMSE "
      f"{rmse(free, x[N_TRAIN:]):.3f}")
lags = np.asarray(coef)[:-1][::-1]  # the weight of x[t-1] first
roots = np.roots(np.concatenate([[1.0], -lags]))  # of the recurrence
print(f"largest |root| of the recurrence: {np.abs(roots).max():.3f}")
fig, ax = plt.subplots(figsize=(8, 3))
ax.plot(t, x, color="0.7", label="data")
ax.plot(t[WINDOW:], one_step, label="one step ahead")
ax.plot(t[N_TRAIN:], free, label=f"free-running from step {N_TRAIN}")
ax.axvline(N_TRAIN, color="k", lw=0.8)
ax.set(xlabel="time step", ylabel="x")
ax.set_title("TensorFlow: AR(12) on a noisy sine, one step vs free-running")
ax.legend(loc="lower left", fontsize=8)
plt.show()
