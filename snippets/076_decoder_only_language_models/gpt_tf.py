# %% Settings
import numpy as np
import keras
import tensorflow as tf
from gensim.test.utils import datapath
ALPHABET = " abcdefghijklmnopqrstuvwxyz.,'"  # day 60's; others become a space
DATA_SEED, N_VALID = 0, 30  # which paragraphs are held out, and how many
SEEDS = (0, 1, 2)  # initial weights and batches, one run per seed
CONTEXT, D_MODEL, HEADS, LAYERS, EPS = 32, 32, 2, 2, 1e-5
BATCH_SIZE, STEPS, EVERY, LEARNING_RATE = 32, 150, 75, 0.01
for name in [k for k in list(globals()) if k.isupper()]:  # the settings
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]!r}")
# %% Text: day 60's preparation and split, windows of CONTEXT + 1
clean = lambda p: " ".join("".join(  # others become spaces; runs one
    c if c in ALPHABET else " " for c in p.lower()).split())
with open(datapath("lee_background.cor"), encoding="utf-8") as f:
    lines, seen = [clean(p) for p in f if p.strip()], set()  # repeats:
paragraphs = [p for p in lines if not (p[:60] in seen or seen.add(p[:60]))]
order = np.random.default_rng(DATA_SEED).permutation(len(paragraphs))
valid = " ".join(paragraphs[i] for i in order[:N_VALID])
train = " ".join(paragraphs[i] for i in order[N_VALID:])
index, V = {c: i for i, c in enumerate(ALPHABET)}, len(ALPHABET)
ids = lambda text: np.array([index[c] for c in text])
n = len(valid) // (CONTEXT + 1)  # held-out windows, each read afresh
train_ids, valid_windows = ids(train), ids(valid[: n * (CONTEXT + 1)]
                                           ).reshape(n, CONTEXT + 1)
print(f"train characters: {len(train)}, validation windows: {n}")
# %% Baselines: bigram (day 60) and trigram, add-one smoothing
w, bigram, trigram = valid_windows, np.ones((V, V)), np.ones((V, V, V))
np.add.at(bigram, (train_ids[:-1], train_ids[1:]), 1)  # one added to each
np.add.at(trigram, (train_ids[:-2], train_ids[1:-1], train_ids[2:]), 1)
bigram, trigram = (c / c.sum(-1, keepdims=True) for c in (bigram, trigram))
p2 = bigram[w[:, :-1], w[:, 1:]]  # p(next | previous), predicted characters
p3 = np.hstack([p2[:, :1], trigram[w[:, :-2], w[:, 1:-1], w[:, 2:]]])
print("perplexity, same predicted characters: bigram, trigram", *(
    f"{np.exp(-np.log(p).mean()):.3f}" for p in (p2, p3)))  # start: bigram
# %% A block: pre-norm, causal self-attention, then a feed-forward net
norm = lambda: keras.layers.LayerNormalization(epsilon=EPS)
class Block(keras.layers.Layer):
    def __init__(self):
        super().__init__()
        self.norm1, self.norm2 = norm(), norm()
        self.attention = keras.layers.MultiHeadAttention(HEADS,
                                                         D_MODEL // HEADS)
        self.ffn = keras.Sequential([keras.layers.Dense(4 * D_MODEL, "gelu"),
                                     keras.layers.Dense(D_MODEL)])
    def call(self, x):  # the mask: each position sees itself and the past
        h = self.norm1(x)
        x = x + self.attention(h, h, use_causal_mask=True)
        return x + self.ffn(self.norm2(x))
# %% A tiny GPT: embeddings, blocks, a read-out
class GPT(keras.Model):
    def __init__(self):
        super().__init__()
        self.embed, self.position = (  # characters; positions, learned
            keras.layers.Embedding(n, D_MODEL, embeddings_initializer=keras
                                   .initializers.RandomNormal(0, 1))
            for n in (V, CONTEXT))  # N(0, 1) as nn.Embedding's default
        self.blocks = keras.Sequential([Block() for _ in range(LAYERS)])
        self.norm, self.out = norm(), keras.layers.Dense(V)
    def call(self, x):  # logits for the next character at every position
        h = self.embed(x) + self.position(keras.ops.arange(x.shape[1]))
        return self.out(self.norm(self.blocks(h)))
starts, curves = {}, []
for seed in SEEDS:  # each seed's initial weights, drawn first
    keras.utils.set_random_seed(seed)
    model = GPT()
    model(valid_windows[:1, :-1])  # built: this seed's weights
    starts[seed] = model.get_weights()
print("parameters:", model.count_params())
# %% Training: Adam, EVERY steps per call
adam = keras.optimizers.Adam(LEARNING_RATE)
ce = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
@tf.function  # traced once: one model and one Adam, reset for each seed
def train_steps(batches):  # EVERY steps in one call, one batch each
    for batch in batches:
        with tf.GradientTape() as tape:
            loss = ce(batch[:, 1:], model(batch[:, :-1]))
        grads = tape.gradient(loss, model.trainable_variables)
        adam.apply_gradients(zip(grads, model.trainable_variables))
perplexity = tf.function(  # exp of the mean cross-entropy, all windows
    lambda: tf.exp(ce(valid_windows[:, 1:], model(valid_windows[:, :-1]))))
# %% Three seeds, validation perplexity at the checkpoints
for seed in SEEDS:
    model.set_weights(starts[seed])
    for v in adam.variables:
        v.assign(LEARNING_RATE if "learning_rate" in v.path else 0 * v)
    rng, curve = np.random.default_rng(seed), [float(perplexity())]
    for step in range(EVERY, STEPS + 1, EVERY):  # the next EVERY batches
        first = rng.integers(0, len(train_ids) - CONTEXT, EVERY * BATCH_SIZE)
        batches = train_ids[first[:, None] + np.arange(CONTEXT + 1)]
        train_steps(batches.reshape(EVERY, BATCH_SIZE, CONTEXT + 1))
        curve.append(float(perplexity()))
    curves.append(curve)
print("step: validation perplexity of seeds", *SEEDS)
for i, step in enumerate(range(0, STEPS + 1, EVERY)):
    print(f"{step:>4}:", " ".join(f"{c[i]:7.3f}" for c in curves))
final = [c[-1] for c in curves]
print(f"after {STEPS} steps: mean {np.mean(final):.3f}, "
      f"min {min(final):.3f}, max {max(final):.3f}")
