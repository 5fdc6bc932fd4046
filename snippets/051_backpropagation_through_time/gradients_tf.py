# %% Settings
import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

DATA_SEED = 0  # the weights and the input sequences
HIDDEN = 32
SEQ_LEN = 60
BATCH_SIZE = 16
INPUT_SCALE = 0.5  # standard deviation of the input weights
SCALES = (0.5, 1.0, 3.0)  # recurrent weights: SCALE * N(0, 1) / sqrt(HIDDEN)
for name in ["DATA_SEED", "HIDDEN", "SEQ_LEN", "BATCH_SIZE", "INPUT_SCALE",
             "SCALES"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Weights and inputs, drawn once in NumPy
rng = np.random.default_rng(DATA_SEED)
G = rng.standard_normal((HIDDEN, HIDDEN)) / np.sqrt(HIDDEN)
W_in = INPUT_SCALE * rng.standard_normal((HIDDEN, 1))  # h_t = tanh(W_in x_t
readout = rng.standard_normal(HIDDEN) / np.sqrt(HIDDEN)  #   + W h_{t-1})
X = rng.standard_normal((BATCH_SIZE, SEQ_LEN, 1))  # float64 throughout
radii = {}  # the spectral radius of W = scale * G
for scale in SCALES:
    W = scale * G
    radii[scale] = radius = np.abs(np.linalg.eigvals(W)).max()
    print(f"scale {scale}: spectral radius {radius:.3f}, "
          f"largest singular value {np.linalg.norm(W, 2):.3f}")

# %% Backpropagation through time with the built-in RNN
def gradient_norms(scale):  # the norm of dL/dx_t for every input step t
    rnn = keras.layers.SimpleRNN(HIDDEN, return_sequences=True,
                                 dtype="float64")  # tanh
    rnn.build((None, SEQ_LEN, 1))  # copy the NumPy weights (transposed:
    bias = np.zeros(HIDDEN)  # Keras computes x @ kernel + h @ recurrent)
    rnn.set_weights([W_in.T, (scale * G).T, bias])
    x = tf.constant(X)
    with tf.GradientTape() as tape:
        tape.watch(x)
        h = rnn(x)  # every hidden state, (batch, time, hidden)
        loss = tf.reduce_sum(h[:, -1] @ readout[:, None])
    grad = tape.gradient(loss, x)  # L depends on the last step only
    slope = float(tf.reduce_mean(1 - h**2))  # mean tanh'
    saturated = float(tf.reduce_mean(tf.cast(abs(h) > 0.9, tf.float64)))
    return np.linalg.norm(grad.numpy(), axis=(0, 2))[::-1], slope, saturated

# %% Gradient norm against distance in time
DISTANCES = range(0, SEQ_LEN, 10)
print("distance:   " + " ".join(f"{d:>8d}" for d in DISTANCES))
norms, slopes, saturated = {}, {}, {}
for scale in SCALES:
    norms[scale], slopes[scale], saturated[scale] = gradient_norms(scale)
    print(f"scale {scale}:  " + " ".join(f"{norms[scale][d]:8.1e}"
                                        for d in DISTANCES))
for scale in SCALES:
    g = norms[scale]  # the geometric mean factor per step of distance
    rate = (g[SEQ_LEN - 1] / g[1]) ** (1 / (SEQ_LEN - 2))
    print(f"scale {scale}: factor per step {rate:.3f}, "
          f"mean tanh' {slopes[scale]:.3f}, "
          f"radius x mean tanh' {radii[scale] * slopes[scale]:.3f}")
    print(f"  share of hidden values with |h| > 0.9: {saturated[scale]:.2f}")

# %% Figure
fig, ax = plt.subplots()
for scale in SCALES:
    ax.semilogy(norms[scale], label=f"scale {scale}")
ax.set(xlabel="distance in time (T - t)", ylabel="norm of dL/dx_t")
ax.set_title("TensorFlow: gradient reaching input step t, tanh RNN")
ax.legend()
plt.show()
