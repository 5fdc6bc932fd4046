# %% Settings: gensim's defaults, except a 50-wide vector
import re
import zlib
from collections import Counter

import numpy as np
import tensorflow as tf
from gensim.models import Word2Vec
from gensim.parsing.preprocessing import STOPWORDS
from gensim.test.utils import datapath

MIN_COUNT, DIM, WINDOW, NEGATIVE = 5, 50, 5, 5  # rarer words are dropped
SAMPLE, EPOCHS, TABLE_SIZE = 1e-3, 5, 1_000_000  # subsampling threshold t
N_CONTENT, TOP_K = 50, 10  # the overlap: top-10 lists of 50 frequent words
for name in ["MIN_COUNT", "DIM", "WINDOW", "NEGATIVE", "SAMPLE", "EPOCHS",
             "TABLE_SIZE", "N_CONTENT", "TOP_K"]:  # the settings
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]!r}")
# %% The corpus: day 58's tokenizer, repeated paragraphs removed
def tokenize(text):
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower())
with open(datapath("lee_background.cor"), encoding="latin-1") as f:
    lines, seen = [p.lower() for p in f if p.strip()], set()
paragraphs = [tokenize(p) for p in lines  # a repeat: same first 60 characters
              if not (p[:60] in seen or seen.add(p[:60]))]
counts = Counter(w for p in paragraphs for w in p)
words = [w for w, n in counts.most_common() if n >= MIN_COUNT]  # by count
index, V = {w: i for i, w in enumerate(words)}, len(words)
freq = np.array([counts[w] for w in words])
print(f"paragraphs: {len(paragraphs)}, tokens: {sum(counts.values())}")
print(f"vocabulary: {V} words, covering {freq.sum()} tokens")
# %% Subsampling: keep a token of word w with probability keep[w]
f = freq / freq.sum()  # relative frequency, within the vocabulary
keep = np.minimum(1.0, np.sqrt(SAMPLE / f) + SAMPLE / f)  # the C code's form
print("word      count  frequency  keep")
for w in ("the", "said", "police", "fire", "qantas"):
    i = index[w]
    print(f"{w:8} {freq[i]:6} {f[i]:10.5f} {keep[i]:5.3f}")
print(f"expected tokens kept per epoch: {(keep * freq).sum():.0f}")
# %% The negative-sampling table: unigram counts to the power 0.75
noise = freq**0.75 / (freq**0.75).sum()
table = np.repeat(np.arange(V), np.round(noise * TABLE_SIZE).astype(int))
draws = tf.gather(table, tf.random.stateless_uniform(
    [TABLE_SIZE], seed=[0, 0], maxval=len(table), dtype=tf.int64))
share = np.bincount(draws.numpy(), minlength=V) / TABLE_SIZE
print(f"table entries: {len(table)}")
print("word     unigram  unigram^0.75  drawn")
for w in ("the", "said", "police", "qantas"):
    i = index[w]
    print(f"{w:8} {f[i]:7.4f} {noise[i]:13.4f} {share[i]:6.4f}")
# %% The outside reference: gensim's Word2Vec, two seeds
def hashfxn(word):  # deterministic; only older gensim seeds vectors with it
    return zlib.crc32(word.encode())
def gensim_vectors(seed, sg=1):
    model = Word2Vec([[w for w in p if w in index] for p in paragraphs],
                     vector_size=DIM, window=WINDOW, min_count=MIN_COUNT,
                     sg=sg, negative=NEGATIVE, sample=SAMPLE, epochs=EPOCHS,
                     workers=1, seed=seed, hashfxn=hashfxn)
    return tf.constant(np.array([model.wv[w] for w in words]))
def neighbours(vectors, k=TOP_K):  # cosine similarity; a word is not its own
    unit = tf.math.l2_normalize(tf.cast(vectors, tf.float32), axis=1)
    sims = tf.linalg.set_diag(unit @ tf.transpose(unit), tf.fill([V], -2.0))
    return tf.math.top_k(sims, k).indices.numpy()
reference, other_seed = gensim_vectors(0), gensim_vectors(1)
for w in ("fire", "police", "palestinian", "afghanistan"):
    near = neighbours(reference)[index[w], :5]
    print(f"gensim, {w}:", ", ".join(words[j] for j in near))
# %% Top-10 overlap over the 50 most frequent content words
content = [i for i, w in enumerate(words)
           if w not in STOPWORDS and not w.isdigit()][:N_CONTENT]
print("content words:", ", ".join(words[i] for i in content[:8]), "...")
def overlap(a, b):  # mean share of top-10 neighbours the two lists share
    na, nb = neighbours(a), neighbours(b)
    return np.mean([len(set(na[i]) & set(nb[i])) / TOP_K for i in content])
print(f"gensim seed 0 vs gensim seed 1: {overlap(reference, other_seed):.3f}")
# %% Baselines: count rows, PPMI rows, random vectors, chance
ids = [np.array([index[w] for w in p if w in index]) for p in paragraphs]
cooc = np.zeros((V, V))  # counts of each word within 5 words of another
for p in ids:
    for d in range(1, WINDOW + 1):
        np.add.at(cooc, (p[:-d], p[d:]), 1.0)
cooc += cooc.T  # the left neighbours too
total, row = cooc.sum(), cooc.sum(1, keepdims=True)  # PPMI: positive part of
with np.errstate(divide="ignore"):  # log p(w, c) / (p(w) p(c)); log 0 -> 0
    ppmi = np.maximum(np.log(cooc * total / (row * row.T)), 0.0)
rand = tf.random.stateless_normal([V, DIM], seed=[0, 0])
for name, baseline in (("count rows", tf.constant(cooc)),
                       ("PPMI rows", tf.constant(ppmi)),
                       ("random vectors", rand)):
    print(f"{name} vs gensim seed 0: {overlap(baseline, reference):.3f}")
print(f"chance overlap, top 10 of {V - 1} others: {TOP_K / (V - 1):.3f}")
