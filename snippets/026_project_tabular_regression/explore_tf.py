# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_diabetes

SPLIT_SEED = 0  # which rows are held out
N_TEST = 88  # rows whose targets are set aside, as in a competition
print(f"SPLIT_SEED: {SPLIT_SEED}\nN_TEST: {N_TEST}")

# %% Data
# raw units: age, sex (coded 1/2), bmi, blood pressure, six blood serum values
data = load_diabetes(scaled=False)
X, y = data.data, data.target  # y: disease progression one year later
order = np.random.default_rng(SPLIT_SEED).permutation(len(y))
test, train = order[:N_TEST], order[N_TEST:]
missing = int(np.isnan(X).sum())
print(f"rows: {len(y)}, train: {len(train)}, test: {len(test)}")
print(f"missing values: {missing}")
print("columns:", " ".join(data.feature_names))
print("sex codes:", *np.unique(X[:, 1]).astype(int))
print(f"target range: {y.min():.0f} to {y.max():.0f}")


# %% Skew of the target
def skew(v):  # 0 for a symmetric shape
    return float(np.mean(((v - v.mean()) / v.std()) ** 3))


raw, logged = skew(y[train]), skew(np.log(y[train]))
print(f"target skew: raw {raw:.2f}, log {logged:.2f}")
tensor = tf.constant(np.log(y[train]))  # the target the models will learn
mean, std = tf.reduce_mean(tensor), tf.math.reduce_std(tensor)
print(f"log target: mean {mean:.3f}, std {std:.3f}")

# %% Figure
fig, axes = plt.subplots(1, 2, figsize=(8, 3))
axes[0].hist(y[train], bins=30)
axes[0].set(title="target", xlabel="progression")
axes[1].hist(np.log(y[train]), bins=30)
axes[1].set(title="log(target)", xlabel="log(progression)")
fig.suptitle("The target's long right tail, and its log")
plt.show()
