# %% Settings
import keras
import numpy as np
from keras import layers

DATA_SEED = 0  # the generated data, the same for every run
SEEDS = (0, 1, 2)  # initialisation and shuffling, one run per seed
N_TRAIN = 1000  # training examples
N_TEST = 500  # test examples, never trained on
STEPS = 5  # input and output length
VOCAB = 5  # tokens 0..4
HIDDEN = 32  # SimpleRNN units
LEARNING_RATE = 0.01  # Adam
BATCH_SIZE = 64
EPOCHS = 8
LONGER = 7  # a longer input, given to the trained model at the end
for name in ["DATA_SEED", "SEEDS", "N_TRAIN", "N_TEST", "STEPS", "VOCAB",
             "HIDDEN", "LEARNING_RATE", "BATCH_SIZE", "EPOCHS", "LONGER"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: reverse a sequence; the test sequences never occur in training
rng = np.random.default_rng(DATA_SEED)
codes = rng.choice(VOCAB**STEPS, N_TRAIN + N_TEST, replace=False)
tokens = codes[:, None] // VOCAB ** np.arange(STEPS) % VOCAB  # base-5 digits
X = np.eye(VOCAB, dtype="float32")[tokens]  # one-hot, (.., STEPS, VOCAB)
Y = tokens[:, ::-1]  # the first output token is the last input token

# %% The model: encoder -> one vector -> decoder
def build():  # (batch, any length, VOCAB) -> (batch, STEPS, VOCAB)
    x = inputs = keras.Input((None, VOCAB))
    context = layers.SimpleRNN(HIDDEN)(x)  # encoder: its last state only
    x = layers.RepeatVector(STEPS)(context)  # given to every decoder step
    x = layers.SimpleRNN(HIDDEN, return_sequences=True)(
        x, initial_state=context)  # the decoder starts from it too
    return keras.Model(inputs, layers.Dense(VOCAB)(x))

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

# %% Three seeds, against chance
acc, whole = [], []
for seed in SEEDS:
    train(seed)
    out = np.asarray(model(X[N_TRAIN:]))
    right = out.argmax(-1) == Y[N_TRAIN:]
    acc.append(right.mean())
    whole.append(right.all(axis=1).mean())
    print(f"seed {seed}: tokens right {acc[-1]:.3f}, "
          f"sequences right {whole[-1]:.3f}")
print(f"shapes: input {X[N_TRAIN:].shape} -> output {out.shape}")
print(f"tokens right: mean {np.mean(acc):.3f}, sd {np.std(acc, ddof=1):.3f}"
      f", chance {1 / VOCAB:.3f}")
for i in range(3):
    print(f"example: {tokens[N_TRAIN + i]} -> {out[i].argmax(-1)}")

# %% A linear model on the whole input, fitted by least squares
def linear(F, T):  # fit F -> T by least squares on the training rows
    F = np.c_[F, np.ones(len(F))]  # plus a constant feature
    coef = np.linalg.lstsq(F[:N_TRAIN], T[:N_TRAIN], rcond=None)[0]
    return F[N_TRAIN:] @ coef  # its outputs on the test rows
y = np.asarray(Y)
flat = np.asarray(X).reshape(len(y), -1)  # all STEPS * VOCAB one-hot values
scores = linear(flat, np.eye(VOCAB)[y].reshape(len(y), -1))
right = scores.reshape(-1, STEPS, VOCAB).argmax(-1) == y[N_TRAIN:]
print(f"linear model on the whole input: tokens right {right.mean():.3f}")

# %% The decoder sets the output length, whatever the input length
longer = np.eye(VOCAB, dtype="float32")[rng.integers(0, VOCAB, (3, LONGER))]
print(f"longer input: {longer.shape} -> output "
      f"{np.asarray(model(longer)).shape}")
