# %% Settings
import numpy as np
import tensorflow as tf

N_TRAIN = 30
N_VAL = 200
NOISE = 0.1
MAX_DEGREE = 20
SEEDS = [0, 1, 2, 3, 4]  # seed 0 is the draw above
print(f"N_TRAIN: {N_TRAIN}\nN_VAL: {N_VAL}\nNOISE: {NOISE}")
print(f"MAX_DEGREE: {MAX_DEGREE}\nSEEDS: {SEEDS}")

# %% One draw: the validation error of every degree
def validation_errors(seed):
    rng = np.random.default_rng(seed)
    n = N_TRAIN + N_VAL
    x = tf.constant(rng.uniform(-1, 1, n))
    y = 4 * x**3 - 3 * x + NOISE * tf.constant(rng.standard_normal(n))
    y = y[:, None]
    errors = []
    for degree in range(1, MAX_DEGREE + 1):  # as above, in fewer lines
        powers = tf.stack([x**d for d in range(1, degree + 1)], axis=1)
        mean = tf.reduce_mean(powers[:N_TRAIN], axis=0)
        std = tf.math.reduce_std(powers[:N_TRAIN], axis=0)
        A = tf.concat([tf.ones_like(y), (powers - mean) / std], axis=1)
        w = tf.linalg.lstsq(A[:N_TRAIN], y[:N_TRAIN], fast=False)
        residual = A[N_TRAIN:] @ w - y[N_TRAIN:]
        errors.append(float(tf.reduce_mean(residual**2)))
    return errors

# %% Five draws of the data
print("seed  best degree  its val MSE  degree 1  degree 3  degree 20")
for seed in SEEDS:
    val = validation_errors(seed)
    best = int(np.argmin(val)) + 1
    print(f"{seed:4} {best:12} {val[best - 1]:12.4g} {val[0]:9.4g} "
          f"{val[2]:9.4g} {val[-1]:10.4g}")
