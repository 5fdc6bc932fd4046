# %% Settings
import keras
import matplotlib.pyplot as plt
import numpy as np
from keras import layers

DATA_SEED = 0  # the generated data, the same for every run
SEEDS = (0, 1, 2)  # initialisation and shuffling, one run per seed
N_TRAIN = 1000  # training examples
N_TEST = 500  # test examples, never trained on
STEPS = 10  # length of the output sequence
HIDDEN = 32  # SimpleRNN units
LEARNING_RATE = 0.01  # Adam
BATCH_SIZE = 64
EPOCHS = 8
for name in ["DATA_SEED", "SEEDS", "N_TRAIN", "N_TEST", "STEPS", "HIDDEN",
             "LEARNING_RATE", "BATCH_SIZE", "EPOCHS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: a sine wave sin(w t), t = 1..STEPS, from its frequency w
rng = np.random.default_rng(DATA_SEED)
X = rng.uniform(0.3, 0.9, (N_TRAIN + N_TEST, 1)).astype("float32")
Y = np.sin(X * np.arange(1, STEPS + 1))[..., None]  # (examples, STEPS, 1)

# %% The model: (batch, 1) -> (batch, STEPS, 1)
def build():
    x = inputs = keras.Input((1,))
    x = layers.RepeatVector(STEPS)(x)  # the one input, given at every step
    x = layers.SimpleRNN(HIDDEN, return_sequences=True)(x)
    return keras.Model(inputs, layers.Dense(1)(x))  # a number per step

# %% Training: fresh initial weights for each seed
model = build()  # compiled once (no XLA); each seed resets its weights
model.compile(keras.optimizers.Adam(LEARNING_RATE), "mse", jit_compile=False)
def train(seed):
    keras.utils.set_random_seed(seed)
    model.set_weights(build().get_weights())  # this seed's initial weights
    for v in model.optimizer.variables:  # Adam's state back to the start
        v.assign(LEARNING_RATE if "learning_rate" in v.path else 0 * v)
    model.fit(X[:N_TRAIN], Y[:N_TRAIN], batch_size=BATCH_SIZE,
              epochs=EPOCHS, verbose=0)

# %% Three seeds, against the mean training wave
mse = []
for seed in SEEDS:
    train(seed)
    out = np.asarray(model(X[N_TRAIN:]))
    mse.append(np.mean((out - Y[N_TRAIN:]) ** 2))
    print(f"seed {seed}: test MSE {mse[-1]:.4f}")
print(f"shapes: input {X[N_TRAIN:].shape} -> output {out.shape}")
mean_wave = np.mean((Y[:N_TRAIN].mean(0) - Y[N_TRAIN:]) ** 2)
print(f"test MSE: mean {np.mean(mse):.4f}, sd {np.std(mse, ddof=1):.4f}, "
      f"mean training wave {mean_wave:.4f}")

# %% A linear model on the input alone, fitted by least squares
def linear(F, T):  # fit F -> T by least squares on the training rows
    F = np.c_[F, np.ones(len(F))]  # plus a constant feature
    coef = np.linalg.lstsq(F[:N_TRAIN], T[:N_TRAIN], rcond=None)[0]
    return F[N_TRAIN:] @ coef  # its outputs on the test rows
w = np.asarray(X, dtype="float64")  # the frequencies, (examples, 1)
target = np.sin(w * np.arange(1, STEPS + 1))  # (examples, STEPS)
for degree in (1, 3):  # features w, or w, w^2, w^3
    error = np.mean((linear(w ** np.arange(1, degree + 1), target)
                     - target[N_TRAIN:]) ** 2)
    print(f"linear model on powers of w up to {degree}: "
          f"test MSE {error:.4f}")

# %% Figure: three test frequencies, last seed
fig, ax = plt.subplots(figsize=(6, 3))
t = np.arange(1, STEPS + 1)  # the output steps t = 1..STEPS
for i in range(3):
    ax.plot(t, Y[N_TRAIN + i, :, 0], color=f"C{i}",
            label=f"w = {X[N_TRAIN + i, 0]:.2f}")
    ax.plot(t, out[i, :, 0], "o", color=f"C{i}")
ax.set(xlabel="output step t", ylabel="sin(w t)")
ax.set_title("TensorFlow one-to-many: targets (lines), outputs (dots)")
ax.legend()
plt.show()
