# %% Settings
import keras
import numpy as np

DATA_SEED = 0  # the input sequences
SEED = 0  # the layer's initial weights
BATCH, TIME_STEPS, FEATURES = 2, 5, 3
UNITS = 4  # per direction
TOLERANCE = 1e-6  # max abs difference allowed, float32
for name in ["DATA_SEED", "SEED", "BATCH", "TIME_STEPS", "FEATURES", "UNITS",
             "TOLERANCE"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
x = np.random.default_rng(DATA_SEED).normal(
    size=(BATCH, TIME_STEPS, FEATURES)).astype("float32")

# %% The built-in bidirectional layer
keras.utils.set_random_seed(SEED)
bi = keras.layers.Bidirectional(
    keras.layers.LSTM(UNITS, return_sequences=True))  # concat by default
out = bi(x).numpy()
print("input shape:", x.shape)
print("output shape:", out.shape)
print("forward weights:", [tuple(w.shape) for w in bi.forward_layer.weights])
print("backward go_backwards:", bi.backward_layer.go_backwards)

# %% Two one-directional LSTMs with the same weights
forward = keras.layers.LSTM(UNITS, return_sequences=True)
backward = keras.layers.LSTM(UNITS, return_sequences=True)
forward.build(x.shape)
backward.build(x.shape)
forward.set_weights(bi.forward_layer.get_weights())
backward.set_weights(bi.backward_layer.get_weights())
h_forward = forward(x).numpy()  # reads steps 0, 1, ..., T-1
h_backward = backward(x[:, ::-1]).numpy()[:, ::-1]  # reads T-1, ..., 0
by_hand = np.concatenate([h_forward, h_backward], axis=-1)
diff = np.abs(out - by_hand).max()
print(f"max abs difference, [forward ; backward] vs built-in: {diff:.1e}")
print("within tolerance:", bool(diff < TOLERANCE))
print("forward half equals forward LSTM:",
      bool(np.abs(out[..., :UNITS] - h_forward).max() < TOLERANCE))

# %% What each half has read at step t
t = 1
x_cut = x.copy()
x_cut[:, t + 1:] = 0.0  # change only the steps after t
out_cut = bi(x_cut).numpy()
change = np.abs(out_cut[:, t] - out[:, t])
print(f"step {t} after changing later steps, forward half changed by "
      f"{change[:, :UNITS].max():.1e}")
print(f"step {t} after changing later steps, backward half changed by "
      f"{change[:, UNITS:].max():.1e}")

# %% The parameter cost: two LSTMs
one = forward.count_params()
print("parameters, one LSTM:", one)
print("parameters, bidirectional:", bi.count_params())
print("ratio:", bi.count_params() / one)
print(f"formula 4 * (units * (features + units) + units): "
      f"{4 * (UNITS * (FEATURES + UNITS) + UNITS)}")
