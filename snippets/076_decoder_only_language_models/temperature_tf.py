# %% Settings
import numpy as np
import keras
import tensorflow as tf
from gensim.test.utils import datapath
from scipy.special import softmax
ALPHABET = " abcdefghijklmnopqrstuvwxyz.,'"  # day 60's; others become a space
DATA_SEED, N_VALID = 0, 30  # which paragraphs are held out, and how many
SEED = 0  # the first seed of the previous snippet: the same model
CONTEXT, D_MODEL, HEADS, LAYERS, EPS = 32, 32, 2, 2, 1e-5
BATCH_SIZE, STEPS, LEARNING_RATE = 32, 150, 0.01
PROMPT = "the government said on tuesday that the "  # >= CONTEXT characters
LENGTH, N_SAMPLES, WORDS = 100, 16, 150  # characters per sample, samples,
# and words for the share of distinct ones (the same number at each T)
TEMPERATURES, SAMPLE_SEED = (0.5, 1.0, 1.5), 0
for name in [k for k in list(globals()) if k.isupper()]:  # the settings
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]!r}")
# %% Text: as in the previous snippet
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
# %% Training one seed, as before: the same batches
keras.utils.set_random_seed(SEED)
model, rng = GPT(), np.random.default_rng(SEED)
model(valid_windows[:1, :-1])  # built: the seed's weights, as before
adam = keras.optimizers.Adam(LEARNING_RATE)
ce = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
@tf.function
def train_steps(batches):  # all STEPS steps in one call
    for batch in batches:
        with tf.GradientTape() as tape:
            loss = ce(batch[:, 1:], model(batch[:, :-1]))
        grads = tape.gradient(loss, model.trainable_variables)
        adam.apply_gradients(zip(grads, model.trainable_variables))
first = rng.integers(0, len(train_ids) - CONTEXT, STEPS * BATCH_SIZE)
batches = train_ids[first[:, None] + np.arange(CONTEXT + 1)]
train_steps(batches.reshape(STEPS, BATCH_SIZE, CONTEXT + 1))
forward = tf.function(lambda x: model(x))  # traced once per shape
logits = lambda x: forward(x).numpy().astype(np.float64)  # all positions
# %% Sampling with a temperature T: softmax(logits / T)
def generate(pick, n=N_SAMPLES):  # pick: logits -> next character ids
    text = np.tile(ids(PROMPT), (n, 1))
    for _ in range(LENGTH):  # the last CONTEXT characters: a fixed shape
        next_id = pick(logits(text[:, -CONTEXT:])[:, -1])
        text = np.concatenate([text, next_id[:, None]], 1)
    return ["".join(ALPHABET[i] for i in row) for row in text]
def draw(temperature, seed=SAMPLE_SEED):  # a seeded sampler
    rng = np.random.default_rng(seed)
    return lambda z: np.array([rng.choice(V, p=p) for p in
                               softmax(z / temperature, -1)])
greedy = generate(lambda z: z.argmax(-1))  # always the likeliest
print("T = 0.001 draws the greedy text:", generate(draw(0.001)) == greedy)
# %% Temperature: entropy, words, a sample (the first of N_SAMPLES)
valid_logits, vocabulary = logits(valid_windows[:, :-1]), set(train.split())
for temperature in TEMPERATURES:
    p = softmax(valid_logits / temperature, -1)  # at validation positions
    samples = generate(draw(temperature))
    words = [w for s in samples for w in s[len(PROMPT):].split()[:-1]]
    print(f"T {temperature}: entropy {-(p * np.log2(p)).sum(-1).mean():.3f} "
          f"bits; {len(words)} words, known "
          f"{np.mean([w in vocabulary for w in words]):.3f}, distinct (first "
          f"{WORDS}) {len(set(words[:WORDS])) / WORDS:.3f}")
    print(f"  ...{samples[0][len(PROMPT):][:73]}")
