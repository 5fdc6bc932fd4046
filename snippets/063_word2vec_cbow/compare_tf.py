# %% Settings: day 62's, for gensim's two architectures over three seeds
import re
import time
import zlib
from collections import Counter

import numpy as np
import tensorflow as tf
from gensim.models import Word2Vec
from gensim.parsing.preprocessing import STOPWORDS
from gensim.test.utils import datapath

MIN_COUNT, DIM, WINDOW, NEGATIVE, TOP_K = 5, 50, 5, 5, 10
SAMPLE, EPOCHS, N_CONTENT, SEEDS = 1e-3, 5, 50, (0, 1, 2)
print(f"dim: {DIM}, window: {WINDOW}, negative: {NEGATIVE}, epochs: {EPOCHS}")
print(f"sample: {SAMPLE}, min count: {MIN_COUNT}, seeds: {SEEDS}")
# %% Day 62's corpus; gensim's skip-gram (sg=1) and CBOW (sg=0), three seeds
with open(datapath("lee_background.cor"), encoding="latin-1") as f:
    lines, seen = [p.lower() for p in f if p.strip()], set()
paragraphs = [re.findall(r"[a-z0-9]+(?:'[a-z]+)?", p) for p in lines
              if not (p[:60] in seen or seen.add(p[:60]))]
counts = Counter(w for p in paragraphs for w in p)
words = [w for w, n in counts.most_common() if n >= MIN_COUNT]  # by count
index, V = {w: i for i, w in enumerate(words)}, len(words)
def gensim_vectors(sg, seed):
    model = Word2Vec([[w for w in p if w in index] for p in paragraphs],
                     vector_size=DIM, window=WINDOW, min_count=MIN_COUNT,
                     sg=sg, negative=NEGATIVE, sample=SAMPLE, epochs=EPOCHS,
                     workers=1, seed=seed,
                     hashfxn=lambda w: zlib.crc32(w.encode()))
    return tf.constant(np.array([model.wv[w] for w in words]))
vectors, seconds = {}, {}
for name, sg in (("skip-gram", 1), ("cbow", 0)):
    start = time.perf_counter()
    vectors[name] = [gensim_vectors(sg, seed) for seed in SEEDS]
    seconds[name] = (time.perf_counter() - start) / len(SEEDS)
# %% Training time per model
# verified: timing
for name, t in seconds.items():
    print(f"{name}: {t:.2f} s per model (this machine's wall clock)")
# %% Nearest neighbours, seed 0 of each
def neighbours(vectors, k=TOP_K):  # cosine similarity; a word is not its own
    unit = tf.math.l2_normalize(tf.cast(vectors, tf.float32), axis=1)
    sims = tf.linalg.set_diag(unit @ tf.transpose(unit), tf.fill([V], -2.0))
    return tf.math.top_k(sims, k).indices.numpy()
for name in vectors:
    for w in ("fire", "palestinian", "afghanistan"):
        near = neighbours(vectors[name][0])[index[w], :5]
        print(f"{name}, {w}:", ", ".join(words[j] for j in near))
# %% The same measure: top-10 overlap over the 50 frequent content words
content = [i for i, w in enumerate(words)
           if w not in STOPWORDS and not w.isdigit()][:N_CONTENT]
def overlap(a, b):  # mean share of top-10 neighbours the two lists share
    na, nb = neighbours(a), neighbours(b)
    return np.mean([len(set(na[i]) & set(nb[i])) / TOP_K for i in content])
pairs = ((0, 1), (0, 2), (1, 2))
rows = {f"{name} seed vs seed": [overlap(v[a], v[b]) for a, b in pairs]
        for name, v in vectors.items()}
rows["cbow vs skip-gram"] = [overlap(vectors["cbow"][s],
                                     vectors["skip-gram"][s]) for s in SEEDS]
for name, x in rows.items():
    print(f"{name}: {x[0]:.3f}, {x[1]:.3f}, {x[2]:.3f}; "
          f"mean {np.mean(x):.3f}, spread {np.ptp(x):.3f}")
