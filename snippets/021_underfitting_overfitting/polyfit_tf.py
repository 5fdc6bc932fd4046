# %% Settings and data
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

N_TRAIN = 30
N_VAL = 200
NOISE = 0.1  # standard deviation of the noise
MAX_DEGREE = 20
SEED = 0
print(f"N_TRAIN: {N_TRAIN}\nN_VAL: {N_VAL}\nNOISE: {NOISE}")
print(f"MAX_DEGREE: {MAX_DEGREE}\nSEED: {SEED}\nnoise variance: {NOISE**2:.2g}")
rng = np.random.default_rng(SEED)
n = N_TRAIN + N_VAL
x = tf.constant(rng.uniform(-1, 1, n))  # float64: degree 20 needs it
y = 4 * x**3 - 3 * x + NOISE * tf.constant(rng.standard_normal(n))
x_train, y_train = x[:N_TRAIN], y[:N_TRAIN]
x_val, y_val = x[N_TRAIN:], y[N_TRAIN:]

# %% How alike are the power columns?
def corr(a, b):
    a, b = a - tf.reduce_mean(a), b - tf.reduce_mean(b)
    return float(tf.reduce_sum(a * b) / tf.norm(a) / tf.norm(b))


for j, k in ((19, 20), (18, 20), (17, 19)):
    print(f"correlation of x^{j} and x^{k} on the training points: "
          f"{corr(x_train**j, x_train**k):.3f}")

# %% Least squares on standardized powers
def fit(degree):
    """Least squares on x, ..., x^degree, standardized with training stats."""
    powers = tf.stack([x_train**d for d in range(1, degree + 1)], axis=1)
    mean = tf.reduce_mean(powers, axis=0)
    std = tf.math.reduce_std(powers, axis=0)

    def design(x):
        powers = tf.stack([x**d for d in range(1, degree + 1)], axis=1)
        ones = tf.ones_like(x)[:, None]
        return tf.concat([ones, (powers - mean) / std], axis=1)

    # fast=False: an orthogonal decomposition, not the normal equations
    w = tf.linalg.lstsq(design(x_train), y_train[:, None], fast=False)
    return (lambda x: (design(x) @ w)[:, 0]), design(x_train)

# %% Conditioning, and a careless solver, at degree 20
A, b = fit(MAX_DEGREE)[1], y_train[:, None]
s = tf.linalg.svd(A, compute_uv=False)
cond = float(s[0] / s[-1])
print(f"condition number, degree {MAX_DEGREE} design: {cond:.3g}")
print(f"its square (normal equations): {cond**2:.3g}")
print(f"1 / float64 machine epsilon: {1 / np.finfo(np.float64).eps:.3g}")
# float32 keeps about 7 digits; the condition number eats about 8 of them
print(f"float32 epsilon x condition number: "
      f"{np.finfo(np.float32).eps * cond:.2g}")
exact = tf.linalg.lstsq(A, b, fast=False)
careless = tf.linalg.lstsq(A, b)  # fast=True, the default: normal equations
print(f"{'degree 20 solver':20} {'train MSE':>9} {'weight error':>12}")
for name, w in (("orthogonal", exact), ("normal equations", careless)):
    error = float(tf.reduce_mean((A @ w - b) ** 2))
    off = float(tf.norm(w - exact) / tf.norm(exact))  # relative
    print(f"{name:20} {error:9.6f} {off:12.2g}")

# %% Errors for every degree
def mse(model, x, y):
    return float(tf.reduce_mean((model(x) - y) ** 2))


degrees = range(1, MAX_DEGREE + 1)
models = {d: fit(d)[0] for d in degrees}
train = [mse(models[d], x_train, y_train) for d in degrees]
val = [mse(models[d], x_val, y_val) for d in degrees]
print("degree  train MSE  validation MSE")
for d in degrees:
    print(f"{d:6} {train[d - 1]:10.4g} {val[d - 1]:15.4g}")
best = degrees[int(np.argmin(val))]
print(f"best degree on validation: {best}")
print(f"degree 1 MSE / noise variance: train {train[0] / NOISE**2:.3g}, "
      f"validation {val[0] / NOISE**2:.3g}")
print(f"validation MSE, degree {MAX_DEGREE} / degree {best}: "
      f"{val[-1] / val[best - 1]:.3g}")

# %% Figure
fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
grid = tf.constant(np.linspace(-1, 1, 400))
left.scatter(x_train, y_train, color="black", s=15, label="training points")
left.plot(grid, 4 * grid**3 - 3 * grid, "k--", label="true cubic")
for d in (1, 3, MAX_DEGREE):
    left.plot(grid, models[d](grid), label=f"degree {d}")
left.set(xlabel="x", ylabel="y", ylim=(-2, 2))
left.set_title("polynomial fits of degree 1, 3 and 20")
right.plot(degrees, train, marker="o", label="training")
right.plot(degrees, val, marker="o", label="validation")
right.set(xlabel="degree", ylabel="MSE", yscale="log")
right.set_title("training and validation MSE against degree")
for ax in (left, right):
    ax.grid(alpha=0.3)
    ax.legend(fontsize="small")
plt.tight_layout()
plt.show()
