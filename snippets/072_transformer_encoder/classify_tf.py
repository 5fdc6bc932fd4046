# %% Settings
import keras
import numpy as np
import tensorflow as tf
from sklearn.linear_model import LogisticRegression

VOCAB = 8  # token 0 is A, token 1 is B, tokens 2-7 are fillers
SEQ_LEN = 12
N_TRAIN, N_TEST = 2000, 1000
D_MODEL, HEADS, D_FF, EPS = 16, 2, 32, 1e-5  # EPS: layer norms
LEARNING_RATE, BATCH_SIZE, EPOCHS = 0.01, 128, 3
DATA_SEED, SEEDS = 0, (0, 1, 2)
for name in ["VOCAB", "SEQ_LEN", "N_TRAIN", "N_TEST", "D_MODEL", "HEADS",
             "D_FF", "EPS", "LEARNING_RATE", "BATCH_SIZE", "EPOCHS",
             "DATA_SEED", "SEEDS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
# %% Data: does A come before B?
rng = np.random.default_rng(DATA_SEED)
def make(n):  # fillers, then one A and one B at two distinct positions
    x = rng.integers(2, VOCAB, size=(n, SEQ_LEN))
    a, b = np.argsort(rng.random((n, SEQ_LEN)), axis=1)[:, :2].T
    x[np.arange(n), a], x[np.arange(n), b] = 0, 1  # A at a, B at b
    return x, (a < b).astype(np.float32)
x_train, y_train = make(N_TRAIN)
x_test, y_test = make(N_TEST)
print("first sequence:", x_train[0], "label:", int(y_train[0]))
print(f"share of A-before-B, train: {y_train.mean():.3f}, "
      f"test: {y_test.mean():.3f}")
# %% Baselines that cannot see order
counts = lambda x: np.stack([(x == t).sum(axis=1) for t in range(VOCAB)], 1)
bag = LogisticRegression(max_iter=1000).fit(counts(x_train), y_train)
print(f"majority class, test accuracy: "
      f"{max(y_test.mean(), 1 - y_test.mean()):.3f}")
print(f"bag of tokens (logistic regression on counts), test accuracy: "
      f"{bag.score(counts(x_test), y_test):.3f}")
# %% Sinusoidal positions (day 71) and an encoder block, post-norm
def positional_encoding(max_len, d_model):
    angle = np.arange(max_len)[:, None] / 10000 ** (
        np.arange(0, d_model, 2) / d_model)
    pe = np.stack([np.sin(angle), np.cos(angle)], -1).reshape(max_len, -1)
    return tf.constant(pe, dtype=tf.float32)
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
        self.embed = keras.layers.Embedding(VOCAB, D_MODEL,
                                            embeddings_initializer="normal")
        pe = positional_encoding(SEQ_LEN, D_MODEL) * positions  # or zeros
        self.pe = keras.Variable(pe, trainable=False)  # set_weights copies it
        self.block = EncoderBlock()
        self.out = keras.layers.Dense(1)
    def call(self, x):
        h = self.block(self.embed(x) + self.pe)
        return tf.squeeze(self.out(tf.reduce_mean(h, axis=1)), -1)
# %% A fresh start per seed: initial weights and Adam's state
compiled = []  # one model, compiled once; each run copies fresh weights in
def fresh_model(seed, positions):
    keras.utils.set_random_seed(seed)
    fresh = Classifier(positions)
    fresh(x_train[:1])  # built: this seed's weights, and PE or zeros
    if not compiled:
        fresh.compile(keras.optimizers.Adam(LEARNING_RATE),
                      keras.losses.BinaryCrossentropy(from_logits=True),
                      steps_per_execution=16, jit_compile=False)
        compiled.append(fresh)
    compiled[0].set_weights(fresh.get_weights())
    for v in compiled[0].optimizer.variables:  # Adam's state reset
        v.assign(LEARNING_RATE if "learning_rate" in v.path else 0 * v)
    return compiled[0]
# %% Training: Adam, ordinary backpropagation through the attention
def train(seed, positions=True):
    model = fresh_model(seed, positions)
    model.fit(x_train, y_train, batch_size=BATCH_SIZE, epochs=EPOCHS,
              verbose=0)
    right = (model(x_test).numpy() > 0) == (y_test == 1)
    return right.mean(), sum(v.numpy().size for v in model.trainable_weights)
# %% Three seeds, with and without positions
results = {}
for seed in SEEDS:
    (acc, n_params), (blind, _) = train(seed), train(seed, positions=False)
    results[seed] = acc, blind
    print(f"seed {seed}: test accuracy {acc:.3f}, without positions "
          f"{blind:.3f}")
acc = np.array(list(results.values()))
print(f"parameters: {n_params}")
for name, a in zip(["with positions", "without positions"], acc.T):
    print(f"{name}: mean {a.mean():.3f}, min {a.min():.3f}, "
          f"max {a.max():.3f}")
