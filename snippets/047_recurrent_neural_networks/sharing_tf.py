# %% Settings
import keras
import numpy as np
import tensorflow as tf

SEED = 0
N_IN = 3  # features per time step
HIDDEN = 4  # units in the hidden state
LENGTHS = (5, 50, 500)  # sequence lengths to count parameters at
STEPS = 6  # sequence length for the gradient
BATCH = 2
for name in ["SEED", "N_IN", "HIDDEN", "LENGTHS", "STEPS", "BATCH"]:
    print(f"{name.lower()}: {globals()[name]}")

# %% Parameters against sequence length
keras.utils.set_random_seed(SEED)
rnn = keras.layers.SimpleRNN(HIDDEN, return_state=True)  # one layer
print(f"{'steps':>6} {'RNN':>6} {'RNN out':>12} {'one cell/step':>14}"
      f" {'dense on all':>13}")
for steps in LENGTHS:
    out = rnn(np.zeros((1, steps, N_IN), np.float32))[0]  # the same layer
    dense = keras.layers.Dense(HIDDEN)  # all steps flattened into one input
    dense.build((None, steps * N_IN))
    print(f"{steps:>6} {rnn.count_params():>6} {str(tuple(out.shape)):>12}"
          f" {steps * rnn.count_params():>14} {dense.count_params():>13}")

# %% One weight, used at every step: its gradient is a sum over steps
rng = np.random.default_rng(SEED)
X = rng.normal(size=(BATCH, STEPS, N_IN)).astype(np.float32)
W_xh = rng.normal(size=(N_IN, HIDDEN)).astype(np.float32) * 0.5
W_hh = rng.normal(size=(HIDDEN, HIDDEN)).astype(np.float32) * 0.5
b = np.full(HIDDEN, 0.1, np.float32)
rnn.set_weights([W_xh, W_hh, b])
with tf.GradientTape() as tape:
    loss = tf.reduce_sum(rnn(X)[1] ** 2)  # a loss on the last state
shared = tape.gradient(loss, rnn.weights[1]).numpy()  # recurrent_kernel
print(f"loss: {float(loss):.5f}")

# %% The same loop with a separate copy of W_hh at every step
copies = [tf.Variable(W_hh) for _ in range(STEPS)]  # equal values, untied
with tf.GradientTape() as tape:
    h = tf.zeros((BATCH, HIDDEN))
    for t in range(STEPS):
        h = tf.tanh(X[:, t] @ W_xh + h @ copies[t] + b)
    loss = tf.reduce_sum(h**2)
parts = [g.numpy() for g in tape.gradient(loss, copies)]
print(f"loss, untied copies: {float(loss):.5f}")
for t, g in enumerate(parts):
    print(f"step {t + 1}: |gradient of its copy| = {np.linalg.norm(g):.5f}")
print(f"|shared gradient| = {np.linalg.norm(shared):.5f}")
print(f"max |shared - sum of the copies'|: "
      f"{np.abs(shared - sum(parts)).max():.1e}")
