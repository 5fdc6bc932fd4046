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

# %% One layer, two views: every step, and the final states
keras.utils.set_random_seed(SEED)
seq_layer = keras.layers.Bidirectional(
    keras.layers.LSTM(UNITS, return_sequences=True))
seq = seq_layer(x).numpy()  # (batch, steps, 2 * UNITS)
final_layer = keras.layers.Bidirectional(keras.layers.LSTM(UNITS))
final_layer.build(x.shape)
final_layer.set_weights(seq_layer.get_weights())  # the same weights
final = final_layer(x).numpy()  # return_sequences=False
print("every step:", seq.shape, " final:", final.shape)

# %% Which steps the final output comes from
last_forward = seq[:, -1, :UNITS]  # forward LSTM after step T-1
last_backward = seq[:, 0, UNITS:]  # backward LSTM after step 0
combined = np.concatenate([last_forward, last_backward], axis=1)
diff = np.abs(final - combined).max()
print(f"final vs [forward at step T-1 ; backward at step 0]: {diff:.1e}")
print("within tolerance:", bool(diff < TOLERANCE))

# %% The pitfall: the last step of the sequence output
wrong = np.abs(final - seq[:, -1]).max()
print(f"final vs the sequence output at step T-1: {wrong:.1e}")
print("forward half agrees:",
      bool(np.abs(final[:, :UNITS] - seq[:, -1, :UNITS]).max() < TOLERANCE))
print("backward half agrees:",
      bool(np.abs(final[:, UNITS:] - seq[:, -1, UNITS:]).max() < TOLERANCE))

# %% Two layers: the final states are the top layer's
keras.utils.set_random_seed(SEED)
first = keras.layers.Bidirectional(
    keras.layers.LSTM(UNITS, return_sequences=True))
top_seq = keras.layers.Bidirectional(
    keras.layers.LSTM(UNITS, return_sequences=True))
seq2 = top_seq(first(x)).numpy()
top_final = keras.layers.Bidirectional(keras.layers.LSTM(UNITS))
top_final.build(seq2.shape)
top_final.set_weights(top_seq.get_weights())
final2 = top_final(first(x)).numpy()
ends = np.concatenate([seq2[:, -1, :UNITS], seq2[:, 0, UNITS:]], axis=1)
print("two layers, final shape:", final2.shape)
print(f"two layers, final vs the top layer's ends: "
      f"{np.abs(final2 - ends).max():.1e}")
