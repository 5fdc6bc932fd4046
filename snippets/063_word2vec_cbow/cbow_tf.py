# %% Settings: day 62's, with smaller batches (one example per word)
import re
import zlib
from collections import Counter
import numpy as np
import keras
import tensorflow as tf
from gensim.models import Word2Vec
from gensim.parsing.preprocessing import STOPWORDS
from gensim.test.utils import datapath
MIN_COUNT, DIM, WINDOW, NEGATIVE, TOP_K = 5, 50, 5, 5, 10
SAMPLE, EPOCHS, TABLE_SIZE, N_CONTENT = 1e-3, 5, 1_000_000, 50
SEEDS, BATCH_SIZE, LEARNING_RATE, OUR_EPOCHS = (0, 1, 2), 1024, 0.02, 3  # Adam
print(f"seeds: {SEEDS}, batch size: {BATCH_SIZE}, lr: {LEARNING_RATE}, "
      f"epochs: {OUR_EPOCHS} (gensim: {EPOCHS})")
# %% Day 62's corpus, subsampling and table; gensim's CBOW as reference
with open(datapath("lee_background.cor"), encoding="latin-1") as f:
    lines, seen = [p.lower() for p in f if p.strip()], set()
paragraphs = [re.findall(r"[a-z0-9]+(?:'[a-z]+)?", p) for p in lines
              if not (p[:60] in seen or seen.add(p[:60]))]
counts = Counter(w for p in paragraphs for w in p)
words = [w for w, n in counts.most_common() if n >= MIN_COUNT]  # by count
index, V = {w: i for i, w in enumerate(words)}, len(words)
f = np.array([counts[w] for w in words]) / sum(counts[w] for w in words)
keep = np.minimum(1.0, np.sqrt(SAMPLE / f) + SAMPLE / f)
noise = f**0.75 / (f**0.75).sum()
table = np.repeat(np.arange(V), np.round(noise * TABLE_SIZE).astype(int))
def gensim_vectors(sg, hashfxn=lambda w: zlib.crc32(w.encode())):  # seed 0
    model = Word2Vec([[w for w in p if w in index] for p in paragraphs],
                     vector_size=DIM, window=WINDOW, min_count=MIN_COUNT,
                     negative=NEGATIVE, sample=SAMPLE, epochs=EPOCHS, sg=sg,
                     workers=1, seed=0, hashfxn=hashfxn)
    return tf.constant(np.array([model.wv[w] for w in words]))
reference, skipgram = gensim_vectors(sg=0), gensim_vectors(sg=1)
# %% One epoch of CBOW examples: each kept word with its window, vectorised
ids, para = np.array([(index[w], i) for i, p in enumerate(paragraphs)
                      for w in p if w in index]).T  # word, paragraph
offsets = np.r_[-WINDOW:0, 1:WINDOW + 1]  # the 2 * WINDOW context positions
def cbow_examples(rng):  # subsampled afresh each epoch, as word2vec does
    tok, par = np.stack([ids, para])[:, rng.random(len(ids)) < keep[ids]]
    reach = rng.integers(1, WINDOW + 1, len(tok))  # word2vec's shrunk window
    pos = (np.arange(len(tok))[:, None] + offsets) % len(tok)  # wrapped ends
    mask = (par[pos] == par[:, None]) & (abs(offsets) <= reach[:, None])
    order = rng.permutation(np.flatnonzero(mask.any(1)))  # shuffled
    weights = mask[order] / mask[order].sum(1, keepdims=True)  # 1/n each
    return tok[order], tok[pos[order]], weights.astype(np.float32)
# %% The model: two tables, and the negative-sampling loss written out
class CBOW(keras.Model):  # v: context vectors, averaged; u: output vectors
    def __init__(self):
        super().__init__()
        self.inp, self.out = [keras.layers.Embedding(V, DIM) for _ in range(2)]
        self.inp.build(), self.out.build()  # the tables exist from the start
    def call(self, context, weights, targets):  # targets: centre, negatives
        h = tf.reduce_sum(self.inp(context) * weights[..., None], 1)  # mean
        return tf.reduce_sum(self.out(targets) * h[:, None], -1)
def cbow_loss(s):  # -log sig(u_c.h) - sum_k log sig(-u_k.h), mean
    lsig = tf.math.log_sigmoid  # log of the sigmoid sig, stable
    return -tf.reduce_mean(lsig(s[:, 0]) + tf.reduce_sum(lsig(-s[:, 1:]), 1))
model, optimizer = CBOW(), keras.optimizers.Adam(LEARNING_RATE)
@tf.function(jit_compile=True)  # compiled once (XLA), for every seed
def step(context, weights, targets):
    with tf.GradientTape() as tape:
        loss = cbow_loss(model(context, weights, targets))
    tables = model.trainable_variables  # row-slice gradients made dense,
    grads = [tf.convert_to_tensor(g) for g in tape.gradient(loss, tables)]
    optimizer.apply(grads, tables)  # as PyTorch's are (see day 62)
    return loss
# %% Training: each seed draws its own examples, negatives and start
def train(seed):  # the one model is re-initialised: no recompiling
    rng, history = np.random.default_rng(seed), []
    for v in optimizer.variables:  # a fresh Adam: zero steps and moments
        v.assign(LEARNING_RATE if "learning_rate" in v.path else 0 * v)
    model.set_weights([keras.random.uniform((V, DIM), -0.5 / DIM, 0.5 / DIM,
                                            seed=seed), np.zeros((V, DIM))])
    for _ in range(OUR_EPOCHS):
        c, context, weights = cbow_examples(rng)
        negatives = table[rng.integers(len(table), size=(len(c), NEGATIVE))]
        targets = np.column_stack([c, negatives])
        for b in np.r_[:c.size - c.size % BATCH_SIZE].reshape(-1, BATCH_SIZE):
            history.append(float(step(context[b], weights[b], targets[b])))
    print(f"seed {seed}: loss {history[0]:.3f} -> {np.mean(history[-20:]):.3f}")
    return model.inp.embeddings.numpy()
vectors = {seed: train(seed) for seed in SEEDS}
# %% Neighbours; overlap with gensim's CBOW and skip-gram, over seeds
def neighbours(vectors, k=TOP_K):  # cosine similarity; a word is not its own
    unit = tf.math.l2_normalize(tf.cast(vectors, tf.float32), axis=1)
    sims = unit @ tf.transpose(unit) - 3.0 * tf.eye(V)  # not its own
    return tf.math.top_k(sims, k).indices.numpy()
content = [i for i, w in enumerate(words)
           if w not in STOPWORDS and not w.isdigit()][:N_CONTENT]
def overlap(a, b):  # mean share of top-10 neighbours the two lists share
    na, nb = neighbours(a), neighbours(b)
    return np.mean([len(set(na[i]) & set(nb[i])) / TOP_K for i in content])
for w in ("fire", "police", "palestinian", "afghanistan"):
    near = neighbours(vectors[0])[index[w], :5]
    print(f"seed 0, {w}:", ", ".join(words[j] for j in near))
for name, ref in {"cbow": reference, "skip-gram": skipgram}.items():
    x = [overlap(vectors[s], ref) for s in SEEDS]  # per seed, mean, spread
    print(f"vs gensim {name}: {x[0]:.3f}, {x[1]:.3f}, {x[2]:.3f}; "
          f"mean {np.mean(x):.3f}, spread {np.ptp(x):.3f}")
