# %% Settings
import keras
import numpy as np
from sklearn.linear_model import LogisticRegression

VOCAB, SEQ_LEN = 8, 12  # token 0 is A, token 1 is B, tokens 2-7 fillers
N_TRAIN, N_TEST = 2000, 1000
D_MODEL, HEADS, D_FF, EPS = 16, 2, 32, 1e-5  # EPS: layer norms
LEARNING_RATE, BATCH_SIZE, EPOCHS = 0.01, 128, 3
DATA_SEED, SEEDS = 0, (0, 1, 2)
for name in ("VOCAB SEQ_LEN N_TRAIN N_TEST D_MODEL HEADS D_FF EPS "
             "LEARNING_RATE BATCH_SIZE EPOCHS DATA_SEED SEEDS").split():
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
# %% Data: does A come before B?
rng = np.random.default_rng(DATA_SEED)
def make(n):  # fillers, then one A and one B at two distinct positions
    x = rng.integers(2, VOCAB, size=(n, SEQ_LEN))
    a, b = np.argsort(rng.random((n, SEQ_LEN)), axis=1)[:, :2].T
    x[np.arange(n), a], x[np.arange(n), b] = 0, 1  # A at a, B at b
    return x, (a < b).astype(np.float32)
(x_train, y_train), (x_test, y_test) = make(N_TRAIN), make(N_TEST)
print("first sequence:", x_train[0], "label:", int(y_train[0]))
print(f"share of A-before-B, train: {y_train.mean():.3f}, "
      f"test: {y_test.mean():.3f}")
# %% Baselines: two that cannot see order, and one that can
print(f"majority class, test accuracy: "
      f"{max(y_test.mean(), 1 - y_test.mean()):.3f}")
counts = lambda x: np.stack([(x == t).sum(axis=1) for t in range(VOCAB)], 1)
one_hot = lambda x: np.eye(VOCAB)[x].reshape(len(x), -1)  # token at each pos
for name, features in (("bag of tokens (counts)", counts),
                       ("one-hot token at each position", one_hot)):
    linear = LogisticRegression(max_iter=1000).fit(features(x_train), y_train)
    print(f"logistic regression, {name}, test accuracy: "
          f"{linear.score(features(x_test), y_test):.3f}")
# %% Sinusoidal positions (day 71) and an encoder block, post-norm
def positional_encoding(max_len, d_model):
    angle = np.arange(max_len)[:, None] / 10000 ** (
        np.arange(0, d_model, 2) / d_model)
    pe = np.stack([np.sin(angle), np.cos(angle)], -1).reshape(max_len, -1)
    return pe.astype(np.float32)
class EncoderBlock(keras.layers.Layer):  # post-norm, as in Vaswani et al.
    def __init__(self):
        super().__init__()
        self.attention = keras.layers.MultiHeadAttention(
            HEADS, key_dim=D_MODEL // HEADS)
        self.norm1 = keras.layers.LayerNormalization(epsilon=EPS)
        self.norm2 = keras.layers.LayerNormalization(epsilon=EPS)
        self.ffn = keras.Sequential([keras.layers.Dense(D_FF, "relu"),
                                     keras.layers.Dense(D_MODEL)])
    def call(self, x):
        x = self.norm1(x + self.attention(x, x))
        return self.norm2(x + self.ffn(x))  # residual, then normalise
# %% The classifier: embed, add positions, one block, mean, one logit
class Classifier(keras.Model):
    def __init__(self, positions=True):
        super().__init__()
        self.embed = keras.layers.Embedding(  # "normal": standard dev. 0.05
            VOCAB, D_MODEL, embeddings_initializer="normal")
        pe = positional_encoding(SEQ_LEN, D_MODEL) * positions  # or zeros
        self.pe = keras.Variable(pe, trainable=False)  # set_weights copies it
        self.block = EncoderBlock()
        self.out = keras.layers.Dense(1)
    def call(self, x):
        h = self.block(self.embed(x) + self.pe)
        return keras.ops.squeeze(self.out(keras.ops.mean(h, axis=1)), -1)
# %% A fresh start per seed: initial weights and Adam's state
starts = {}  # (seed, positions): initial weights, with PE or zeros
for seed, positions in [(s, p) for s in SEEDS for p in (True, False)]:
    keras.utils.set_random_seed(seed)  # seeds are set here only: a fit
    fresh = Classifier(positions)  # right after a new seed runs slower
    fresh(x_train[:1])  # built: this seed's weights
    starts[seed, positions] = fresh.get_weights()
model = fresh  # the last one, already built: compiled once, reused
model.compile(keras.optimizers.Adam(LEARNING_RATE),
              keras.losses.BinaryCrossentropy(from_logits=True),
              steps_per_execution=16, jit_compile=False)
def fresh_model(seed, positions):  # copy the start in, reset Adam's state
    model.set_weights(starts[seed, positions])
    for v in model.optimizer.variables:
        v.assign(LEARNING_RATE if "learning_rate" in v.path else 0 * v)
    return model
# %% Training: Adam, ordinary backpropagation through the attention
def train(seed, positions=True):
    model = fresh_model(seed, positions)
    model.fit(x_train, y_train, batch_size=BATCH_SIZE, epochs=EPOCHS,
              verbose=0)
    right = (model(x_test).numpy() > 0) == (y_test == 1)
    return right.mean(), sum(v.numpy().size for v in model.trainable_weights)
# %% Three seeds, with and without positions
start = fresh_model(0, True).embed.embeddings.numpy()  # seed 0's table
print(f"embedding std at the start, seed 0: {start.std():.3f}")
results = {}
for seed in SEEDS:
    (acc, n_params), (blind, _) = train(seed), train(seed, positions=False)
    results[seed] = acc, blind
    print(f"seed {seed}: test accuracy {acc:.3f}, no positions {blind:.3f}")
acc = np.array(list(results.values()))
print(f"parameters: {n_params}")
for name, a in zip(["with positions", "without positions"], acc.T):
    print(f"{name}: mean {a.mean():.3f}, min {a.min():.3f}, max {a.max():.3f}")
