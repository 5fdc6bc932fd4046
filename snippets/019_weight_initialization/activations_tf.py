import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

WIDTH, DEPTH = 256, 20
rng = np.random.default_rng(0)
x = rng.standard_normal((512, WIDTH)).astype("float32")
# one set of standard normal draws, rescaled by each scheme's std
draws = rng.standard_normal((DEPTH, WIDTH, WIDTH)).astype("float32")
schemes = {  # weight std for a square layer, fan_in = fan_out = WIDTH
    "naive N(0, 0.01^2)": 0.01,
    "naive N(0, 1)": 1.0,
    "Xavier": np.sqrt(2 / (WIDTH + WIDTH)),
    "He": np.sqrt(2 / WIDTH),
}
runs = [("tanh", s) for s in ["naive N(0, 0.01^2)", "naive N(0, 1)", "Xavier"]]
runs += [("relu", s) for s in schemes]

fig, axes = plt.subplots(1, 2, figsize=(10, 4))
panel = dict(zip(["tanh", "relu"], axes))
for activation, scheme in runs:
    model = tf.keras.Sequential([tf.keras.layers.Dense(WIDTH, activation, use_bias=False)
                                 for _ in range(DEPTH)])
    model.build((None, WIDTH))
    for layer, z in zip(model.layers, draws):
        layer.kernel.assign(z * schemes[scheme])  # Keras kernels are (fan_in, fan_out), like z
    h, stds = tf.constant(x), []
    for layer in model.layers:
        h = layer(h)
        # the statistic in float64: exploding activations would overflow float32 when squared
        stds.append(float(tf.math.reduce_std(tf.cast(h, tf.float64))))
    print(f"{activation} {scheme} std by layer:", " ".join(f"{s:.4g}" for s in stds))
    if activation == "tanh":
        saturated = float(tf.reduce_mean(tf.cast(tf.abs(h) > 0.99, tf.float32)))
        print(f"{activation} {scheme} saturated at layer {DEPTH}: {saturated:.3f}")
    panel[activation].plot(range(1, DEPTH + 1), stds, marker=".", label=scheme)
for activation, ax in panel.items():
    ax.set(title=f"{activation}: activation std per layer", xlabel="layer", yscale="log")
    ax.grid(alpha=0.3)
    ax.legend()
plt.tight_layout()
plt.show()
