# %% Settings: the data snippet's, plus the optimizer's
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
SEEDS, BATCH_SIZE, LEARNING_RATE, OUR_EPOCHS = (0, 1, 2), 16384, 0.08, 3  # Adam
print(f"seeds: {SEEDS}, batch size: {BATCH_SIZE}, lr: {LEARNING_RATE}, "
      f"epochs: {OUR_EPOCHS} (gensim: {EPOCHS})")
# %% The data snippet's corpus, subsampling, table and reference, condensed
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
gensim = Word2Vec([[w for w in p if w in index] for p in paragraphs],
                  vector_size=DIM, window=WINDOW, min_count=MIN_COUNT, sg=1,
                  negative=NEGATIVE, sample=SAMPLE, epochs=EPOCHS, workers=1,
                  seed=0, hashfxn=lambda w: zlib.crc32(w.encode()))
reference = tf.constant(np.array([gensim.wv[w] for w in words]))
# %% One epoch of (centre, context) pairs, vectorised
ids, para = np.array([(index[w], i) for i, p in enumerate(paragraphs)
                      for w in p if w in index]).T  # word, paragraph
def skipgram_pairs(rng):  # subsampled afresh each epoch, as word2vec does
    tok, par = np.stack([ids, para])[:, rng.random(len(ids)) < keep[ids]]
    reach = rng.integers(1, WINDOW + 1, len(tok))  # word2vec's shrunk window
    centre, context = [], []
    for d in range(1, WINDOW + 1):
        a = np.arange(len(tok) - d)
        for c, o in ((a, a + d), (a + d, a)):  # context d to the right, left
            ok = (par[c] == par[o]) & (reach[c] >= d)
            centre.append(tok[c[ok]]), context.append(tok[o[ok]])
    order = rng.permutation(sum(map(len, centre)))  # shuffled
    return np.concatenate(centre)[order], np.concatenate(context)[order]
# %% The model: two tables, and the negative-sampling loss written out
class SkipGram(keras.Model):  # v: centre vectors, u: context vectors
    def __init__(self):
        super().__init__()
        self.inp, self.out = [keras.layers.Embedding(V, DIM) for _ in range(2)]
        self.inp.build(), self.out.build()  # the tables exist from the start
    def call(self, centre, targets):  # targets: context, then negatives
        return tf.reduce_sum(self.out(targets) * self.inp(centre)[:, None], -1)
def sgns_loss(s):  # -log sig(u_o.v_c) - sum_k log sig(-u_k.v_c), mean
    lsig = tf.math.log_sigmoid  # log of the sigmoid sig, stable
    return -tf.reduce_mean(lsig(s[:, 0]) + tf.reduce_sum(lsig(-s[:, 1:]), 1))
model, optimizer = SkipGram(), keras.optimizers.Adam(LEARNING_RATE)
@tf.function(jit_compile=True)  # compiled once (XLA), for every seed
def step(centre, targets):
    with tf.GradientTape() as tape:
        loss = sgns_loss(model(centre, targets))
    weights = model.trainable_variables  # row-slice gradients made dense,
    grads = [tf.convert_to_tensor(g) for g in tape.gradient(loss, weights)]
    optimizer.apply(grads, weights)  # as PyTorch's are (the page says why)
    return loss
# %% Training: each seed draws its own pairs, negatives and initial vectors
def train(seed):  # the one model is re-initialised: no recompiling
    rng, history = np.random.default_rng(seed), []
    for v in optimizer.variables:  # a fresh Adam: zero steps and moments
        v.assign(LEARNING_RATE if "learning_rate" in v.path else 0 * v)
    model.out.embeddings.assign(tf.zeros((V, DIM)))  # word2vec's start for u
    model.inp.embeddings.assign(keras.random.uniform(
        (V, DIM), -0.5 / DIM, 0.5 / DIM, seed=seed))  # and the C code's v
    for _ in range(OUR_EPOCHS):
        c, o = skipgram_pairs(rng)
        negatives = table[rng.integers(len(table), size=(len(c), NEGATIVE))]
        targets = np.column_stack([o, negatives])
        for s in range(0, len(c) - BATCH_SIZE + 1, BATCH_SIZE):  # full ones
            loss = step(c[s:s + BATCH_SIZE], targets[s:s + BATCH_SIZE])
            history.append(float(loss))
    print(f"seed {seed}: loss {history[0]:.3f} -> {np.mean(history[-20:]):.3f}")
    return model.inp.embeddings.numpy()
vectors = {seed: train(seed) for seed in SEEDS}
# %% Nearest neighbours, and top-10 overlap with gensim's, over seeds
def neighbours(vectors, k=TOP_K):  # cosine similarity; a word is not its own
    unit = tf.math.l2_normalize(tf.cast(vectors, tf.float32), axis=1)
    sims = tf.linalg.set_diag(unit @ tf.transpose(unit), tf.fill([V], -2.0))
    return tf.math.top_k(sims, k).indices.numpy()
content = [i for i, w in enumerate(words)
           if w not in STOPWORDS and not w.isdigit()][:N_CONTENT]
def overlap(a, b):  # mean share of top-10 neighbours the two lists share
    na, nb = neighbours(a), neighbours(b)
    return np.mean([len(set(na[i]) & set(nb[i])) / TOP_K for i in content])
for w in ("fire", "police", "palestinian", "afghanistan"):
    near = neighbours(vectors[0])[index[w], :5]
    print(f"seed 0, {w}:", ", ".join(words[j] for j in near))
scores = [overlap(vectors[s], reference) for s in SEEDS]
print("overlap with gensim, per seed:", ", ".join(f"{x:.3f}" for x in scores))
print(f"mean {np.mean(scores):.3f}, spread {np.ptp(scores):.3f}")
