# %% Settings and data
import numpy as np
import tensorflow as tf

SEED = 0
N_IN = 3  # the net 3 -> 4 -> 4 -> 4 -> 1, the middle two layers tied
WIDTH = 4
BATCH = 8
SCALE = 0.5  # of the NumPy weights copied in
BIAS = 0.1
for name in ["SEED", "N_IN", "WIDTH", "BATCH", "SCALE", "BIAS"]:
    print(f"{name}: {globals()[name]}")
np.set_printoptions(precision=5, suppress=True)
rng = np.random.default_rng(SEED)
X = rng.normal(size=(BATCH, N_IN)).astype(np.float32)
y = rng.normal(size=(BATCH, 1)).astype(np.float32)
W0 = rng.normal(size=(N_IN, WIDTH)) * SCALE
Ws = rng.normal(size=(WIDTH, WIDTH)) * SCALE  # the tied (shared) matrix
Wo = rng.normal(size=(WIDTH, 1)) * SCALE
b0, bs, bo = np.full(WIDTH, BIAS), np.full(WIDTH, BIAS), np.zeros(1)


# %% A net whose middle layers are whatever objects we pass in
def build(second, third):
    first = tf.keras.layers.Dense(WIDTH, activation="relu")
    last = tf.keras.layers.Dense(1)
    layers = [tf.keras.Input((N_IN,)), first, second, third, last]
    net = tf.keras.Sequential(layers)
    net.layers[0].set_weights([W0, b0])
    net.layers[-1].set_weights([Wo, bo])
    return net


# %% Tied: one layer object used twice
shared = tf.keras.layers.Dense(WIDTH, activation="relu")
net = build(shared, shared)
shared.set_weights([Ws, bs])
print("middle layers are one object:", net.layers[1] is net.layers[2])
print("parameters:", net.count_params())

# %% The tied weight's gradient
with tf.GradientTape() as tape:
    loss = tf.reduce_mean((net(X) - y) ** 2)
grad = tape.gradient(loss, shared.kernel)
print(f"loss: {float(loss):.6f}")
print("gradient of the tied weight (inputs x outputs):")
print(grad.numpy())

# %% Untied: two layers that start from the same values
one, two = [tf.keras.layers.Dense(WIDTH, activation="relu") for _ in "12"]
untied = build(one, two)
one.set_weights([Ws, bs])
two.set_weights([Ws, bs])
print("untied parameters:", untied.count_params())
with tf.GradientTape() as tape:
    loss = tf.reduce_mean((untied(X) - y) ** 2)
g1, g2 = tape.gradient(loss, [one.kernel, two.kernel])
print("max |tied - (first use + second use)|:",
      float(tf.reduce_max(tf.abs(grad - (g1 + g2)))))
for name, g in [("first", g1), ("second", g2)]:
    print(f"max |tied - {name} use alone|: "
          f"{float(tf.reduce_max(tf.abs(grad - g))):.5f}")
