# %% Settings and data
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

WIDTH = 256  # units per layer, so fan_in = fan_out = WIDTH
DEPTH = 20  # layers
BATCH = 512  # inputs drawn from N(0, 1)
SEED = 0
print(f"WIDTH: {WIDTH}\nDEPTH: {DEPTH}\nBATCH: {BATCH}\nSEED: {SEED}")
tf.keras.utils.set_random_seed(SEED)  # the layers draw an init first
rng = np.random.default_rng(SEED)
x = rng.standard_normal((BATCH, WIDTH)).astype("float32")
# one set of standard normal draws, rescaled by each scheme's std
draws = rng.standard_normal((DEPTH, WIDTH, WIDTH)).astype("float32")

# %% Schemes and the gain they predict
sigma = {"small": 0.01, "large": 1.0}  # naive: N(0, 0.01^2) and N(0, 1)
sigma["Xavier"] = np.sqrt(2 / (WIDTH + WIDTH))
sigma["He"] = np.sqrt(2 / WIDTH)
runs = [("tanh", s) for s in ("small", "large", "Xavier")]
runs += [("relu", s) for s in sigma]
# std multiplies per layer by sigma sqrt(n / 2) (ReLU), sigma sqrt(n) (linear)
fan = {"tanh": WIDTH, "relu": WIDTH / 2}
for scheme, s in sigma.items():
    print(f"{scheme:>6}: sigma {s:.4f}, predicted gain tanh (linear) "
          f"{s * np.sqrt(WIDTH):.3g}, relu {s * np.sqrt(WIDTH / 2):.3g}")
print(f"tanh derivative at |h| = 0.99: {1 - 0.99**2:.4f}")

# %% A deep stack with the scheme's weights
def layer_stds(activation, scheme):
    model = tf.keras.Sequential(
        [tf.keras.layers.Dense(WIDTH, activation, use_bias=False)
         for _ in range(DEPTH)]
    )
    model.build((None, WIDTH))
    for layer, z in zip(model.layers, draws):
        # Keras kernels are (fan_in, fan_out), like the draws
        layer.kernel.assign(z * sigma[scheme])
    h, stds = tf.constant(x), []
    for layer in model.layers:
        h = layer(h)
        # in float64: exploding activations overflow float32 when squared
        stds.append(float(tf.math.reduce_std(tf.cast(h, tf.float64))))
    saturated = float(tf.reduce_mean(tf.cast(tf.abs(h) > 0.99, tf.float32)))
    return stds, saturated

# %% Every scheme: first and last layer, gain per layer
results = {run: layer_stds(*run) for run in runs}
print(f"{'run':13} {'layer 1':>9} {'layer 20':>9} {'gain':>6} {'saturated':>9}")
for (activation, scheme), (stds, saturated) in results.items():
    gain = (stds[-1] / stds[0]) ** (1 / (DEPTH - 1))
    shown = f"{saturated:9.3f}" if activation == "tanh" else f"{'-':>9}"
    print(f"{activation + ' ' + scheme:13} {stds[0]:9.3g} {stds[-1]:9.3g} "
          f"{gain:6.3g} {shown}")

# %% The std at every layer
print(f"{'':5} {' tanh ':-^29} {' relu ':-^39}")
print(f"{'layer':5}" + "".join(f"{s:>10}" for _, s in runs))
for i in range(DEPTH):
    print(f"{i + 1:5}" + "".join(f"{results[r][0][i]:10.3g}" for r in runs))
for run in (("tanh", "Xavier"), ("relu", "He")):
    stds = results[run][0]
    print(f"{' '.join(run)} std range: {min(stds):.3g} to {max(stds):.3g}")

# %% Figure
fig, axes = plt.subplots(1, 2, figsize=(10, 4))
for ax, activation in zip(axes, ("tanh", "relu")):
    for (a, scheme), (stds, _) in results.items():
        if a == activation:
            ax.plot(range(1, DEPTH + 1), stds, marker=".", label=scheme)
    ax.set(xlabel="layer", ylabel="activation std", yscale="log")
    ax.set_title(f"{activation}: activation std per layer, by init")
    ax.grid(alpha=0.3)
    ax.legend()
plt.tight_layout()
plt.show()
