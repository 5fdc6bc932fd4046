# %% Settings
import keras
import numpy as np
from keras import layers

DATA_SEED = 0  # the generated data, the same for every run
SEEDS = (0, 1, 2)  # initialisation and shuffling, one run per seed
N_TRAIN = 1000  # training examples
N_TEST = 500  # test examples, never trained on
HIDDEN = 32  # SimpleRNN units
LEARNING_RATE = 0.01  # Adam
BATCH_SIZE = 64
EPOCHS = 16
for name in ["DATA_SEED", "SEEDS", "N_TRAIN", "N_TEST", "HIDDEN",
             "LEARNING_RATE", "BATCH_SIZE", "EPOCHS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: is a point in a same-sign quadrant? (x1 x2 > 0)
rng = np.random.default_rng(DATA_SEED)
P = rng.uniform(-1, 1, (N_TRAIN + N_TEST, 2)).astype("float32")
X = P[:, None, :]  # a sequence of one step with 2 features
Y = (P[:, 0] * P[:, 1] > 0).astype("int64")

# %% The model: (batch, 1, 2) -> (batch, 2); the loop runs once
def build():
    x = inputs = keras.Input((1, 2))
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

# %% Three seeds, against the majority class
acc = []
for seed in SEEDS:
    train(seed)
    out = np.asarray(model(X[N_TRAIN:]))
    acc.append(np.mean(out.argmax(1) == Y[N_TRAIN:]))
    print(f"seed {seed}: test accuracy {acc[-1]:.3f}")
print(f"shapes: input {X[N_TRAIN:].shape} -> output {out.shape}")
majority = np.mean(Y[N_TRAIN:] == np.bincount(Y[:N_TRAIN]).argmax())
print(f"test accuracy: mean {np.mean(acc):.3f}, sd {np.std(acc, ddof=1):.3f}"
      f", majority class {majority:.3f}")

# %% A linear model on the same input, fitted by least squares
def linear(F, T):  # fit F -> T by least squares on the training rows
    F = np.c_[F, np.ones(len(F))]  # plus a constant feature
    coef = np.linalg.lstsq(F[:N_TRAIN], T[:N_TRAIN], rcond=None)[0]
    return F[N_TRAIN:] @ coef  # its outputs on the test rows
y = np.asarray(Y)
onehot = np.eye(2)[y]  # a score per class; the answer is the larger one
plain = linear(P, onehot).argmax(1) == y[N_TRAIN:]
product = linear(np.c_[P, P[:, 0] * P[:, 1]], onehot).argmax(1) == y[N_TRAIN:]
print(f"linear model on (x1, x2) {plain.mean():.3f}, "
      f"with x1 x2 added {product.mean():.3f}")

# %% With one step, the recurrent weights W_hh do nothing
W_hh = model.layers[1].cell.recurrent_kernel
W_hh.assign(np.zeros(W_hh.shape))  # h_0 = 0 is all W_hh ever multiplies
after = np.asarray(model(X[N_TRAIN:]))
print(f"max |output change| with W_hh set to 0: {np.abs(after - out).max()}")
