# %% Settings and the five activations
import numpy as np
import tensorflow as tf

LEAKY_SLOPE = 0.1  # our choice, never learned
PRELU_INIT = 0.25  # PReLU's starting slope, which training changes
GRID = (-10.0, -3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0, 10.0)
SEED = 0
N_NORMAL = 100_000
for name in ["LEAKY_SLOPE", "PRELU_INIT", "GRID", "SEED", "N_NORMAL"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
activations = {
    "sigmoid": tf.math.sigmoid,
    "tanh": tf.math.tanh,
    "relu": tf.nn.relu,
    "leaky_relu": lambda x: tf.nn.leaky_relu(x, alpha=LEAKY_SLOPE),
    "gelu": lambda x: tf.nn.gelu(x, approximate=False),  # exact: x * Phi(x)
}


# %% Values and derivatives on the grid, in float64
def table(x, columns):
    print(f"{'x':>5}" + "".join(f"{name:>14}" for name in columns))
    for i, v in enumerate(x):
        print(f"{v:>5g}" + "".join(f"{c[i]:>14.7g}" for c in columns.values()))


x = tf.constant(GRID, dtype=tf.float64)
values, slopes = {}, {}
for name, f in activations.items():
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f(x)
    values[name] = y.numpy()
    slopes[name] = tape.gradient(y, x).numpy()  # elementwise f: this is f'(x)
print("f(x)")
table(GRID, values)
print("f'(x), by autodiff")
table(GRID, slopes)

# %% On N(0, 1) inputs: centring, sign, and zero gradients
z = tf.constant(np.random.default_rng(SEED).standard_normal(N_NORMAL))
print(f"{'N(0, 1) in':<12}{'mean':>8}{'std':>8}{'mean/std':>10}"
      f"{'share > 0':>11}{'zero grad':>11}")
for name, f in activations.items():
    with tf.GradientTape() as tape:
        tape.watch(z)
        out = f(z)
    h, dz = out.numpy(), tape.gradient(out, z).numpy()
    print(f"{name:<12}{h.mean():>8.4f}{h.std():>8.4f}"
          f"{h.mean() / h.std():>10.2f}{(h > 0).mean():>11.4f}"
          f"{(dz == 0).mean():>11.4f}")

# %% Leaky ReLU has no parameters; PReLU learns its slope
leaky = tf.keras.layers.LeakyReLU(negative_slope=LEAKY_SLOPE)
start = tf.keras.initializers.Constant(PRELU_INIT)
prelu = tf.keras.layers.PReLU(alpha_initializer=start, shared_axes=[1])
batch = tf.reshape(x, (1, -1))
leaky(batch)
with tf.GradientTape() as tape:
    total = tf.reduce_sum(prelu(batch))
(slope_grad,) = tape.gradient(total, prelu.trainable_weights)
print("parameters: LeakyReLU", leaky.count_params(),
      "PReLU", prelu.count_params())
print("PReLU d(sum)/d(slope):", float(tf.reduce_sum(slope_grad)))
