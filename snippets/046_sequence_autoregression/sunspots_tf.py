# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import statsmodels.api as sm
import tensorflow as tf

WINDOW = 12  # lagged years used as features (the same on days 50 and 55)
SPLIT_YEAR = 1950  # fit on the years before, test on this year and after
HORIZONS = (1, 2, 3, 4, 5, 6, 7, 8, 11)  # years ahead, for the k-step errors
for name in ["WINDOW", "SPLIT_YEAR", "HORIZONS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Yearly sunspot numbers, 1700-2008, and their lagged features
data = sm.datasets.sunspots.load_pandas().data
years = data["YEAR"].to_numpy().astype(int)
x = tf.constant(data["SUNACTIVITY"].to_numpy(), dtype=tf.float64)
n_fit = int((years < SPLIT_YEAR).sum())  # years in the fit part
print(f"years: {years[0]}-{years[-1]}, {len(x)} values")
print(f"fit: {years[0]}-{SPLIT_YEAR - 1} ({n_fit}), "
      f"test: {SPLIT_YEAR}-{years[-1]} ({len(x) - n_fit})")
sd = [float(tf.math.reduce_std(part)) for part in (x[:n_fit], x[n_fit:])]
print(f"standard deviation: fit years {sd[0]:.1f}, test years {sd[1]:.1f}")
features = tf.signal.frame(x, WINDOW, 1)[:-1]  # row i: x[i : i + WINDOW]
labels = x[WINDOW:]  # the year that follows each row
fit = n_fit - WINDOW  # rows whose label is a fit year
print("features:", tuple(features.shape), "fit rows:", fit,
      "test rows:", len(labels) - fit)

# %% AR(12) by least squares, persistence, and the mean
def design(f):  # the lagged values and a column of ones for the intercept
    return tf.concat([f, tf.ones((len(f), 1), dtype=f.dtype)], axis=1)
coef = tf.linalg.lstsq(design(features[:fit]), labels[:fit, None], fast=False)
coef = coef[:, 0]
print("coefficients, oldest lag first:")
print(" ".join(f"{c:+.2f}" for c in coef[:-1]))
print(f"intercept: {coef[-1]:.2f}")
def rmse(a, b):
    return float(tf.sqrt(tf.reduce_mean((a - b) ** 2)))
one_year = tf.linalg.matvec(design(features), coef)  # AR(12), one year ahead
forecasts = {"AR(12)": one_year,
             "persistence": features[:, -1],  # next year = this year
             "fit-part mean": tf.fill([len(labels)], tf.reduce_mean(x[:n_fit]))}
for name, f in forecasts.items():
    print(f"{name:>13}: RMSE fit {rmse(f[:fit], labels[:fit]):5.1f}, "
          f"test {rmse(f[fit:], labels[fit:]):5.1f}")

# %% k years ahead: predictions fed back as inputs
def ahead(windows, k):  # forecasts 1, ..., k years ahead from each window
    steps = []
    for _ in range(k):
        steps.append(tf.linalg.matvec(design(windows), coef))
        windows = tf.concat([windows[:, 1:], steps[-1][:, None]], axis=1)
    return tf.stack(steps, axis=1)
print("test RMSE by horizon")
print("years ahead  AR(12)  persistence  forecasts")
for k in HORIZONS:  # origins: every window that ends in the test part
    origins = features[fit : len(features) - k + 1]
    truth = x[n_fit + k - 1 :]
    print(f"{k:11d}{rmse(ahead(origins, k)[:, -1], truth):8.1f}"
          f"{rmse(origins[:, -1], truth):13.1f}{len(truth):11d}")

# %% One year ahead against a free-running forecast
free = ahead(features[fit : fit + 1], len(x) - n_fit)[0]
print(f"free-running from {SPLIT_YEAR}: RMSE {rmse(free, x[n_fit:]):.1f}")
lags = np.asarray(coef)[:-1][::-1]  # the weight of x[t-1] first
roots = np.roots(np.concatenate([[1.0], -lags]))  # of the recurrence
print(f"largest |root| of the recurrence: {np.abs(roots).max():.3f}")
fig, ax = plt.subplots(figsize=(8, 3))
test_years = years[n_fit:]
ax.plot(years[n_fit - 30 :], x[n_fit - 30 :], "k.-", label="data")
ax.plot(test_years, forecasts["AR(12)"][fit:], label="AR(12), one year ahead")
ax.plot(test_years, free, label=f"AR(12), free-running from {SPLIT_YEAR}")
ax.plot(test_years, forecasts["persistence"][fit:], label="persistence")
ax.axvline(SPLIT_YEAR - 0.5, color="k", lw=0.8)
ax.set(xlabel="year", ylabel="sunspot number")
ax.set_title("TensorFlow: sunspots after 1950, one year ahead vs free-running")
ax.set_ylim(top=270)
ax.legend(loc="upper left", fontsize=8, ncol=2)
plt.show()
