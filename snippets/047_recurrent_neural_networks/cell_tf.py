# %% Settings and a small batch of sequences
import keras
import numpy as np

SEED = 0
N_IN = 3  # features per time step
HIDDEN = 4  # units in the hidden state
STEPS = 6  # time steps per sequence
BATCH = 2
TOLERANCE = 1e-6  # max |hand - built-in|, float32
for name in ["SEED", "N_IN", "HIDDEN", "STEPS", "BATCH", "TOLERANCE"]:
    print(f"{name.lower()}: {globals()[name]}")
rng = np.random.default_rng(SEED)
X = rng.normal(size=(BATCH, STEPS, N_IN)).astype(np.float32)
print("input shape (batch, steps, features):", X.shape)

# %% The built-in layer and its parameters
keras.utils.set_random_seed(SEED)
rnn = keras.layers.SimpleRNN(HIDDEN, return_sequences=True,
                             return_state=True)  # tanh by default
H, h_last = rnn(X)  # every step's hidden state, and the last one
for w in rnn.weights:
    print(f"parameter {w.path.split('/')[-1]}: {tuple(w.shape)}")
print("output shape (batch, steps, hidden):", tuple(H.shape))

# %% The cell by hand: one step, then the loop
def step(x_t, h, W_xh, W_hh, b):  # h_t = tanh(x_t W_xh + h_{t-1} W_hh + b)
    return np.tanh(x_t @ W_xh + h @ W_hh + b)
def unroll(X, W_xh, W_hh, b):  # the same W_xh, W_hh, b at every step
    h = np.zeros((X.shape[0], W_hh.shape[0]), np.float32)  # h_0 = 0
    states = []
    for t in range(X.shape[1]):
        h = step(X[:, t], h, W_xh, W_hh, b)
        states.append(h)
    return np.stack(states, axis=1)  # (batch, steps, hidden)

# %% Copy the built-in's weights into the hand-written loop
W_xh, W_hh, b = [w.numpy() for w in rnn.weights]  # x @ W: (in, out)
mine = unroll(X, W_xh, W_hh, b)
diff = np.abs(mine - np.asarray(H)).max()
last = np.abs(mine[:, -1] - np.asarray(h_last)).max()
print(f"max |hand - built-in|, every step: {diff:.1e}")
print(f"max |hand - built-in|, last state: {last:.1e}")
print("within tolerance:", bool(max(diff, last) < TOLERANCE))

# %% The same numbers in both frameworks: shared weights, unrolled
W_xh = rng.normal(size=(N_IN, HIDDEN)).astype(np.float32) * 0.5
W_hh = rng.normal(size=(HIDDEN, HIDDEN)).astype(np.float32) * 0.5
b = np.full(HIDDEN, 0.1, np.float32)
rnn.set_weights([W_xh, W_hh, b])
H = np.asarray(rnn(X)[0])
print("hidden state of sequence 0, step by step (shared weights):")
for t in range(STEPS):
    print(f"h_{t + 1}:", " ".join(f"{v:+.4f}" for v in H[0, t]))
print(f"max |hand - built-in|, shared weights: "
      f"{np.abs(unroll(X, W_xh, W_hh, b) - H).max():.1e}")
