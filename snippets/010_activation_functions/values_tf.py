import numpy as np
import tensorflow as tf

activations = {
    "sigmoid": tf.math.sigmoid,
    "tanh": tf.math.tanh,
    "relu": tf.nn.relu,
    "leaky_relu": lambda x: tf.nn.leaky_relu(x, alpha=0.1),  # slope 0.1: our choice, never learned
    "gelu": lambda x: tf.nn.gelu(x, approximate=False),  # exact form x * Phi(x), through erf
}
grid = np.array([-10.0, -3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0, 10.0])  # float64 in both twins
x = tf.constant(grid)
print("x:", " ".join(f"{v:g}" for v in grid))
for name, f in activations.items():
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f(x)
    dy = tape.gradient(y, x)  # f acts elementwise, so this is f'(x) at every point
    print(f"{name}(x):", " ".join(f"{v:.7g}" for v in y.numpy()))
    print(f"{name}'(x):", " ".join(f"{v:.7g}" for v in dy.numpy()))

# Inputs ~ N(0, 1): where the outputs are centred, and how often the gradient is exactly zero.
z = tf.constant(np.random.default_rng(0).standard_normal(100_000))
for name, f in activations.items():
    with tf.GradientTape() as tape:
        tape.watch(z)
        out = f(z)
    zero_share = tf.reduce_mean(tf.cast(tape.gradient(out, z) == 0.0, tf.float64))
    print(f"{name} on N(0,1): mean output {float(tf.reduce_mean(out)):.4f}, zero-gradient share {float(zero_share):.4f}")

# Leaky ReLU has no parameters. PReLU has one: a negative slope that training updates.
leaky = tf.keras.layers.LeakyReLU(negative_slope=0.1)
prelu = tf.keras.layers.PReLU(alpha_initializer=tf.keras.initializers.Constant(0.25), shared_axes=[1])
batch = tf.reshape(x, (1, -1))
leaky(batch)
with tf.GradientTape() as tape:
    total = tf.reduce_sum(prelu(batch))
(slope_grad,) = tape.gradient(total, prelu.trainable_weights)
print("parameters: LeakyReLU", leaky.count_params(), "PReLU", prelu.count_params())
print("PReLU d(sum)/d(slope):", float(tf.reduce_sum(slope_grad)))
