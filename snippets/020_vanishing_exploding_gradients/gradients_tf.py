import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

WIDTH, DEPTH = 64, 20
rng = np.random.default_rng(0)
x = rng.standard_normal((256, WIDTH)).astype("float32")
y = (x.sum(axis=1, keepdims=True) > 0).astype("float32")  # a simple binary target
draws = rng.standard_normal((DEPTH, WIDTH, WIDTH)).astype("float32")  # shared by all three nets
head = rng.standard_normal((WIDTH, 1)).astype("float32") / np.sqrt(WIDTH)
nets = [("sigmoid", "Xavier", np.sqrt(1 / WIDTH)),
        ("relu", "Xavier", np.sqrt(1 / WIDTH)),
        ("relu", "He", np.sqrt(2 / WIDTH))]

fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
for activation, init, std in nets:
    layers = [tf.keras.layers.Dense(WIDTH, activation, use_bias=False) for _ in range(DEPTH)]
    out = tf.keras.layers.Dense(1, use_bias=False)
    for layer, z in zip(layers, draws):
        layer.build((None, WIDTH))
        layer.kernel.assign(z * std)
    out.build((None, WIDTH))
    out.kernel.assign(head)
    with tf.GradientTape() as tape:
        h, hidden = tf.constant(x), []
        for layer in layers:
            h = layer(h)
            hidden.append(h)
        loss = tf.reduce_mean(tf.keras.losses.binary_crossentropy(y, out(h), from_logits=True))
    grad_w, grad_h = tape.gradient(loss, [[layer.kernel for layer in layers], hidden])
    weight_norms = [float(tf.norm(g)) for g in grad_w]  # dL/dW for each layer
    signal_norms = [float(tf.norm(g)) for g in grad_h]  # dL/dh, the gradient flowing back
    name = f"{activation}, {init}"
    print(f"{name} dL/dW norm by layer:", " ".join(f"{v:.4g}" for v in weight_norms))
    print(f"{name} dL/dh norm by layer:", " ".join(f"{v:.4g}" for v in signal_norms))
    print(f"{name} first / last dL/dW norm: {weight_norms[0] / weight_norms[-1]:.4g}")
    if activation == "relu":  # units that output 0 for every input pass no gradient at all
        off = tf.reduce_all(hidden[-1] <= 0, axis=0)
        print(f"{name} units off for every input at layer {DEPTH}:",
              f"{float(tf.reduce_mean(tf.cast(off, tf.float32))):.3f}")
    left.plot(range(1, DEPTH + 1), weight_norms, marker=".", label=name)
    right.plot(range(1, DEPTH + 1), signal_norms, marker=".", label=name)
left.set(title="weight gradient norm ||dL/dW||", xlabel="layer", yscale="log")
right.set(title="gradient flowing back ||dL/dh||", xlabel="layer", yscale="log")
for ax in (left, right):
    ax.grid(alpha=0.3)
    ax.legend()
plt.tight_layout()
plt.show()
