# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from scipy.optimize import linprog, minimize

SEED = 0
N_POINTS = 20
NOISE = 0.1  # standard deviation of the noise around y = 2x + 1
OUTLIER = -10.0  # replaces the last point's target
DELTA = 1.0  # Huber's threshold
LEARNING_RATE = 0.1
STEPS = 300
LAST = 50  # report where each fit moved over its last 50 steps
for name in ["SEED", "N_POINTS", "NOISE", "OUTLIER", "DELTA", "LEARNING_RATE",
             "STEPS", "LAST"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: y = 2x + 1 plus noise, and one gross outlier
rng = np.random.default_rng(SEED)
x = np.linspace(-1.0, 1.0, N_POINTS)
y = 2.0 * x + 1.0 + NOISE * rng.standard_normal(N_POINTS)
y[-1] = OUTLIER
X = tf.constant(x.reshape(-1, 1), tf.float32)
Y = tf.constant(y.reshape(-1, 1), tf.float32)
slope, intercept = np.polyfit(x, y, 1)
print(f"MSE minimiser, least squares: slope {slope:.4f}, "
      f"intercept {intercept:.4f}")

# %% The exact MAE and Huber minimisers, for reference
# MAE: minimise the sum of u_i with u_i >= |w x_i + b - y_i|, a linear program
A = np.c_[x, np.ones(N_POINTS)]
eye = np.eye(N_POINTS)
lp = linprog(np.r_[0, 0, np.ones(N_POINTS)],
             A_ub=np.block([[A, -eye], [-A, -eye]]), b_ub=np.r_[y, -y],
             bounds=[(None, None)] * 2 + [(0, None)] * N_POINTS)
print(f"MAE minimiser, linear program: slope {lp.x[0]:.4f}, "
      f"intercept {lp.x[1]:.4f}")
r = lambda p: np.abs(A @ p - y)  # Huber is smooth and convex: any solver
huber = minimize(lambda p: np.mean(np.where(
    r(p) <= DELTA, 0.5 * r(p) ** 2, DELTA * (r(p) - 0.5 * DELTA))), [0, 0])
print(f"Huber minimiser, BFGS: slope {huber.x[0]:.4f}, "
      f"intercept {huber.x[1]:.4f}")

# %% Gradient descent with a built-in loss, from slope = intercept = 0
def descend(loss_fn):
    line = tf.keras.layers.Dense(1, kernel_initializer="zeros")
    line.build((None, 1))
    opt = tf.keras.optimizers.SGD(learning_rate=LEARNING_RATE)

    @tf.function
    def step():
        with tf.GradientTape() as tape:
            loss = loss_fn(Y, line(X))
        grads = tape.gradient(loss, line.trainable_variables)
        opt.apply_gradients(zip(grads, line.trainable_variables))
        return line.kernel[0, 0], line.bias[0]

    return np.array([step() for _ in range(STEPS)])  # (slope, intercept)


# %% The three fits: where they are at the last step, and how they move
losses = {
    "mse": tf.keras.losses.MeanSquaredError(),
    "mae": tf.keras.losses.MeanAbsoluteError(),
    "huber": tf.keras.losses.Huber(delta=DELTA),
}
fits = {}
for name, loss_fn in losses.items():
    path = descend(loss_fn)
    (w, b), last = path[-1], path[-LAST:]
    fits[name] = w, b
    print(f"{name}, step {STEPS}: slope {w:.4f}, intercept {b:.4f}")
    print(f"  last {LAST} steps: slope {last[:, 0].min():.4f} to "
          f"{last[:, 0].max():.4f}, intercept {last[:, 1].min():.4f} to "
          f"{last[:, 1].max():.4f}")
residual = np.abs(y - (fits["huber"][0] * x + fits["huber"][1]))
print(f"huber fit, largest |residual|: good points {residual[:-1].max():.3f}, "
      f"outlier {residual[-1]:.2f}")

# %% Figure
fig, ax = plt.subplots()
ax.scatter(x, y, color="black", s=15, label="data (one outlier)")
for name, (w, b) in fits.items():
    ax.plot(x, w * x + b, label=f"{name}, step {STEPS}: slope {w:.2f}")
ax.plot(x, 2.0 * x + 1.0, "k:", label="true line: slope 2.00")
ax.set_title("TensorFlow: one outlier pulls the MSE fit; MAE and Huber resist")
ax.set_xlabel("x")
ax.set_ylabel("y")
ax.legend()
plt.show()
