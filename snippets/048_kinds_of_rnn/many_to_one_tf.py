# %% Settings
import keras
import numpy as np
from keras import layers

DATA_SEED = 0  # the generated data, the same for every run
SEEDS = (0, 1, 2)  # initialisation and shuffling, one run per seed
N_TRAIN = 1000  # training examples
N_TEST = 500  # test examples, never trained on
STEPS = 10  # input sequence length
HIDDEN = 32  # SimpleRNN units
LEARNING_RATE = 0.01  # Adam
BATCH_SIZE = 64
EPOCHS = 16
for name in ["DATA_SEED", "SEEDS", "N_TRAIN", "N_TEST", "STEPS", "HIDDEN",
             "LEARNING_RATE", "BATCH_SIZE", "EPOCHS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: is the last value larger than the first?
rng = np.random.default_rng(DATA_SEED)
X = rng.normal(size=(N_TRAIN + N_TEST, STEPS, 1)).astype("float32")
Y = (X[:, -1, 0] > X[:, 0, 0]).astype("int64")

# %% The model: (batch, STEPS, 1) -> (batch, 2), read after the last step
def build():
    x = inputs = keras.Input((STEPS, 1))
    return keras.Model(inputs, layers.Dense(2)(layers.SimpleRNN(HIDDEN)(x)))

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
    acc.append(np.mean(out.argmax(1) == Y[N_TRAIN:]))
    print(f"seed {seed}: test accuracy {acc[-1]:.3f}")
print(f"shapes: input {X[N_TRAIN:].shape} -> output {out.shape}")
print(f"test accuracy: mean {np.mean(acc):.3f}, sd {np.std(acc, ddof=1):.3f}")
majority = np.mean(Y[N_TRAIN:] == np.bincount(Y[:N_TRAIN]).argmax())
last_only = np.mean((X[N_TRAIN:, -1, 0] > 0) == Y[N_TRAIN:])
print(f"majority class {majority:.3f}, last value > 0 {last_only:.3f}")

# %% A linear model on the whole window, fitted by least squares
def linear(F, T):  # fit F -> T by least squares on the training rows
    F = np.c_[F, np.ones(len(F))]  # plus a constant feature
    coef = np.linalg.lstsq(F[:N_TRAIN], T[:N_TRAIN], rcond=None)[0]
    return F[N_TRAIN:] @ coef  # its outputs on the test rows
y = np.asarray(Y)
window = np.asarray(X)[..., 0]  # all STEPS values side by side
right = linear(window, np.eye(2)[y]).argmax(1) == y[N_TRAIN:]
print(f"linear model on all {STEPS} values {right.mean():.3f}")
