# %% Settings
import re
import zlib

import tensorflow as tf
from gensim.models import Word2Vec
from gensim.test.utils import datapath

SEED = 0  # gensim's initial vectors, negatives and subsampling
VECTOR_SIZE = 50
WINDOW = 5  # context words on each side
MIN_COUNT = 5  # rarer words are dropped from the vocabulary
NEGATIVE = 5  # negative samples per context word
EPOCHS = 10
TOP_K = 4  # neighbours shown per word
QUERIES = ["fire", "taliban", "arafat", "cricket", "two", "police"]
for name in ["SEED", "VECTOR_SIZE", "WINDOW", "MIN_COUNT", "NEGATIVE",
             "EPOCHS", "TOP_K"]:  # the settings
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]!r}")

# %% The corpus: Part 5's Lee paragraphs, repeats removed, as word lists
def tokenize(text):  # day 58's tokenizer: lower-case words
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower())

with open(datapath("lee_background.cor"), encoding="latin-1") as f:
    lines, seen = [p.lower() for p in f if p.strip()], set()
paragraphs = [p for p in lines if not (p[:60] in seen or seen.add(p[:60]))]
sentences = [tokenize(p) for p in paragraphs]
print(f"paragraphs: {len(paragraphs)}, "
      f"tokens: {sum(len(s) for s in sentences)}")

# %% gensim's skip-gram, made deterministic
def crc32(text):  # a fixed hash; gensim's default, hash(), varies per run
    return zlib.crc32(text.encode())

w2v = Word2Vec(sentences, vector_size=VECTOR_SIZE, window=WINDOW, sg=1,
               min_count=MIN_COUNT, negative=NEGATIVE, epochs=EPOCHS,
               seed=SEED, workers=1, hashfxn=crc32)  # one thread: same order
words = w2v.wv.index_to_key  # most frequent first
index = w2v.wv.key_to_index
vectors = tf.constant(w2v.wv.vectors)  # from here on, only TensorFlow
print("vocabulary:", len(words), "words; vectors:", tuple(vectors.shape))

# %% Cosine similarity: unit vectors, then one matrix product
unit = tf.math.l2_normalize(vectors, axis=1)  # each row over its length
cosine = tf.matmul(unit, unit, transpose_b=True)  # (V, V): every pair
a, b = index["fire"], index["fires"]
by_hand = tf.tensordot(vectors[a], vectors[b], 1) / (
    tf.norm(vectors[a]) * tf.norm(vectors[b]))
print(f"cos(fire, fires): {cosine[a, b]:.4f}, by hand {by_hand:.4f}, "
      f"gensim {w2v.wv.similarity('fire', 'fires'):.4f}")
diagonal = tf.linalg.diag_part(cosine)
print(f"diagonal: min {tf.reduce_min(diagonal):.4f}, "
      f"max {tf.reduce_max(diagonal):.4f}")
upper = tf.linalg.band_part(tf.ones_like(cosine), 0, -1) - tf.eye(len(words))
pairs = tf.boolean_mask(cosine, upper > 0)  # each pair once
centred = tf.math.l2_normalize(vectors - tf.reduce_mean(vectors, 0), axis=1)
pairs_c = tf.boolean_mask(tf.matmul(centred, centred, transpose_b=True),
                          upper > 0)
print(f"mean cosine over all pairs: {tf.reduce_mean(pairs):.3f}; "
      f"after subtracting the mean vector: {tf.reduce_mean(pairs_c):.3f}")

# %% Nearest neighbours: the largest cosines, the word itself excluded
def neighbours(word, k=TOP_K):
    scores = tf.tensor_scatter_nd_update(  # the word itself: below any cosine
        cosine[index[word]], [[index[word]]], [-2.0])
    top = tf.math.top_k(scores, k)
    return [(words[i], s) for i, s in zip(top.indices.numpy().tolist(),
                                          top.values.numpy().tolist())]

same, gap = 0, 0.0
for word in QUERIES:
    mine = neighbours(word)
    theirs = w2v.wv.most_similar(word, topn=TOP_K)
    same += [w for w, _ in mine] == [w for w, _ in theirs]
    gap = max(gap, max(abs(s - t) for (_, s), (_, t) in zip(mine, theirs)))
    print(f"{word:>8}: " + ", ".join(f"{w} {s:.2f}" for w, s in mine))
print(f"same neighbours as gensim: {same} of {len(QUERIES)}, "
      f"largest score difference {gap:.1e}")
