# %% Settings and data
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.linear_model import Lasso

N = 50  # training samples (and as many test samples)
D = 200  # features
K = 5  # only the first K matter
NOISE = 0.5
LAMBDA_1 = 0.1  # L1 strength
LAMBDA_2 = 1.0  # L2 strength
LEARNING_RATE = 0.1
STEPS = 500  # full-batch steps
SEED = 0
EXTRA_SEEDS = [1, 2, 3]  # more data draws, solved in closed form
print(f"N: {N}\nD: {D}\nK: {K}\nNOISE: {NOISE}\nLAMBDA_1: {LAMBDA_1}\n"
      f"LAMBDA_2: {LAMBDA_2}\nLEARNING_RATE: {LEARNING_RATE}\nSTEPS: {STEPS}\n"
      f"SEED: {SEED}\nEXTRA_SEEDS: {EXTRA_SEEDS}")

# %% Data: 5 features that matter, 195 that do not
rng = np.random.default_rng(SEED)
w_true = np.zeros(D, np.float32)
w_true[:K] = [3.0, -2.0, 1.5, -1.0, 2.0]
X = rng.standard_normal((2 * N, D)).astype(np.float32)
y = X @ w_true + NOISE * rng.standard_normal(2 * N).astype(np.float32)

# %% Gradient descent with each penalty
@tf.function  # one graph per penalty, with the loop inside: fast
def descend(w, penalty):
    for _ in tf.range(STEPS):
        with tf.GradientTape() as tape:
            loss = 0.5 * tf.reduce_mean((tf.linalg.matvec(X[:N], w) - y[:N])**2)
            if penalty == "L2 (ridge)":
                loss = loss + 0.5 * LAMBDA_2 * tf.reduce_sum(w**2)
            if penalty == "L1 subgradient":
                loss = loss + LAMBDA_1 * tf.reduce_sum(tf.abs(w))
        w.assign_sub(LEARNING_RATE * tape.gradient(loss, w))
        if penalty == "L1 proximal (lasso)":  # ISTA: soft-threshold
            tau = LEARNING_RATE * LAMBDA_1
            w.assign(tf.sign(w) * tf.maximum(tf.abs(w) - tau, 0.0))

def fit(penalty):
    w = tf.Variable(tf.zeros(D))
    descend(w, penalty)
    return w.numpy()

# %% Four fits: zeros, small weights, norm, test error
penalties = ["none", "L2 (ridge)", "L1 subgradient", "L1 proximal (lasso)"]
weights = {penalty: fit(penalty) for penalty in penalties}
print(f"{'penalty':20} zeros |w|<0.01   norm test MSE")
for penalty, w in weights.items():
    test_mse = np.mean((X[N:] @ w - y[N:]) ** 2)
    print(f"{penalty:20} {np.sum(w == 0):5} {np.sum(np.abs(w) < 0.01):8} "
          f"{np.linalg.norm(w):6.3f} {test_mse:8.3f}")

# %% What ridge and the lasso do to single weights
none, ridge_gd = weights["none"], weights["L2 (ridge)"]
grow = np.abs(ridge_gd) > np.abs(none)
print(f"weights ridge makes larger in size: {grow.sum()} of {D}")
print(f"largest such growth: {np.max(np.abs(ridge_gd) - np.abs(none)):.3f}")
lasso = weights["L1 proximal (lasso)"]
print(f"lasso keeps the {K} true features: {bool(np.all(lasso[:K] != 0))}")
print(f"other features the lasso keeps: {np.sum(lasso[K:] != 0)}")
print("lasso weights of the true features:", np.round(lasso[:K], 2))

# %% Checks against the closed form and scikit-learn
A, b = X[:N].astype(float), y[:N].astype(float)
ridge = np.linalg.solve(A.T @ A / N + LAMBDA_2 * np.eye(D), A.T @ b / N)
print(f"max gap to closed-form ridge: {np.abs(ridge_gd - ridge).max():.1e}")
solver = Lasso(alpha=LAMBDA_1, fit_intercept=False, tol=1e-8)
sk = solver.fit(A, b).coef_
print(f"max gap to scikit-learn Lasso: {np.abs(lasso - sk).max():.1e}")
plain = np.linalg.pinv(A) @ b  # where gradient descent from zero heads
print(f"max gap to minimum-norm fit: {np.abs(none - plain).max():.1e}")
slope, kept = np.abs(A.T @ (A @ lasso - b) / N), lasso != 0  # |dL/dw_j|
print(f"lasso |dL/dw|, kept: {slope[kept].min():.4f} to "
      f"{slope[kept].max():.4f}; zeroed: max {slope[~kept].max():.5f}")

# %% The same ranking on other data draws?
print("seed  test MSE:  none   ridge   lasso")
for seed in EXTRA_SEEDS:
    r = np.random.default_rng(seed)
    A = r.standard_normal((2 * N, D))
    b = A @ w_true + NOISE * r.standard_normal(2 * N)
    A, b, A_test, b_test = A[:N], b[:N], A[N:], b[N:]
    fits = [np.linalg.pinv(A) @ b,
            np.linalg.solve(A.T @ A / N + LAMBDA_2 * np.eye(D), A.T @ b / N),
            solver.fit(A, b).coef_]
    mses = [np.mean((A_test @ w - b_test) ** 2) for w in fits]
    print(f"{seed:4} {'':10}" + " ".join(f"{m:7.3f}" for m in mses))
# %% Figure
fig, axes = plt.subplots(1, 3, figsize=(10, 2.8), sharey=True,
                         layout="tight")
for ax, name in zip(axes, ["none", "L2 (ridge)", "L1 proximal (lasso)"]):
    ax.stem(weights[name], markerfmt=" ", basefmt="k-")
    ax.plot(range(K), w_true[:K], "r.")
    ax.set(title=f"weights, {name}", xlabel="feature")
fig.suptitle("Fitted weights of 200 features (red: the true ones)")
plt.show()
