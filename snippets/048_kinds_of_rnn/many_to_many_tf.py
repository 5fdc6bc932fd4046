# %% Settings
import keras
import numpy as np
from keras import layers

DATA_SEED = 0  # the generated data, the same for every run
SEEDS = (0, 1, 2)  # initialisation and shuffling, one run per seed
N_TRAIN = 1000  # training examples
N_TEST = 500  # test examples, never trained on
STEPS = 10  # input and output sequence length
HIDDEN = 32  # SimpleRNN units
LEARNING_RATE = 0.01  # Adam
BATCH_SIZE = 64
EPOCHS = 8
for name in ["DATA_SEED", "SEEDS", "N_TRAIN", "N_TEST", "STEPS", "HIDDEN",
             "LEARNING_RATE", "BATCH_SIZE", "EPOCHS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: at each step, were at least 2 of the last 3 bits 1?
rng = np.random.default_rng(DATA_SEED)
bits = rng.integers(0, 2, (N_TRAIN + N_TEST, STEPS))
padded = np.pad(bits, ((0, 0), (2, 0)))  # zeros before the start
Y = (padded[:, 2:] + padded[:, 1:-1] + padded[:, :-2] >= 2).astype("int64")
X = bits[..., None].astype("float32")  # (examples, STEPS, 1)

# %% The model: (batch, STEPS, 1) -> (batch, STEPS, 2), one output per step
def build():
    x = inputs = keras.Input((STEPS, 1))
    x = layers.SimpleRNN(HIDDEN, return_sequences=True)(x)
    return keras.Model(inputs, layers.Dense(2)(x))

# %% Training: fresh initial weights for each seed
ce = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
model = build()  # compiled once (no XLA); each seed resets its weights
model.compile(keras.optimizers.Adam(LEARNING_RATE), ce, jit_compile=False)
def train(seed):
    keras.utils.set_random_seed(seed)
    model.set_weights(build().get_weights())  # this seed's initial weights
    for v in model.optimizer.variables:  # Adam's state back to the start
        v.assign(LEARNING_RATE if "learning_rate" in v.path else 0 * v)
    model.fit(X[:N_TRAIN], Y[:N_TRAIN], batch_size=BATCH_SIZE,
              epochs=EPOCHS, verbose=0)

# %% Three seeds, against two baselines
acc = []
for seed in SEEDS:
    train(seed)
    out = np.asarray(model(X[N_TRAIN:]))
    acc.append(np.mean(out.argmax(-1) == Y[N_TRAIN:]))
    print(f"seed {seed}: test accuracy per step {acc[-1]:.3f}")
print(f"shapes: input {X[N_TRAIN:].shape} -> output {out.shape}")
print(f"test accuracy: mean {np.mean(acc):.3f}, sd {np.std(acc, ddof=1):.3f}")
majority = np.mean(Y[N_TRAIN:] == np.bincount(Y[:N_TRAIN].ravel()).argmax())
current = np.mean(bits[N_TRAIN:] == Y[N_TRAIN:])
print(f"majority class {majority:.3f}, current bit alone {current:.3f}")

# %% A linear model on the whole window, fitted by least squares
def linear(F, T):  # fit F -> T by least squares on the training rows
    F = np.c_[F, np.ones(len(F))]  # plus a constant feature
    coef = np.linalg.lstsq(F[:N_TRAIN], T[:N_TRAIN], rcond=None)[0]
    return F[N_TRAIN:] @ coef  # its outputs on the test rows
y = np.asarray(Y)
scores = linear(np.asarray(bits), np.eye(2)[y].reshape(len(y), -1))
right = scores.reshape(-1, STEPS, 2).argmax(-1) == y[N_TRAIN:]
print(f"linear model on all {STEPS} bits, per output step "
      f"{right.mean():.3f}")
