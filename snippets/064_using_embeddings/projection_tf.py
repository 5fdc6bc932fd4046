# %% Settings
import re
import zlib

import matplotlib.pyplot as plt
import tensorflow as tf
from gensim.models import Word2Vec
from gensim.test.utils import datapath
from sklearn.decomposition import PCA

SEED = 0  # gensim's initial vectors, negatives and subsampling
VECTOR_SIZE = 50
WINDOW = 5  # context words on each side
MIN_COUNT = 5  # rarer words are dropped from the vocabulary
NEGATIVE = 5  # negative samples per context word
EPOCHS = 10
NEIGHBOURS = 10  # how many nearest neighbours the 2-D map should keep
for name in ["SEED", "VECTOR_SIZE", "WINDOW", "MIN_COUNT", "NEGATIVE",
             "EPOCHS", "NEIGHBOURS"]:  # the settings
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]!r}")
# %% The corpus and gensim's skip-gram, as in the similarity snippet
def tokenize(text):  # day 58's tokenizer: lower-case words
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower())

def crc32(text):  # a fixed hash; gensim's default, hash(), varies per run
    return zlib.crc32(text.encode())

with open(datapath("lee_background.cor"), encoding="latin-1") as f:
    lines, seen = [p.lower() for p in f if p.strip()], set()
paragraphs = [p for p in lines if not (p[:60] in seen or seen.add(p[:60]))]
w2v = Word2Vec([tokenize(p) for p in paragraphs], vector_size=VECTOR_SIZE,
               window=WINDOW, sg=1, min_count=MIN_COUNT, negative=NEGATIVE,
               epochs=EPOCHS, seed=SEED, workers=1, hashfxn=crc32)
words, index = w2v.wv.index_to_key, w2v.wv.key_to_index
vectors = tf.constant(w2v.wv.vectors)
print("vocabulary:", len(words), "words; vectors:", tuple(vectors.shape))
# %% PCA by SVD: centre, then project on the top two right singular vectors
centred = vectors - tf.reduce_mean(vectors, axis=0)
S, U, V = tf.linalg.svd(centred)  # note the order, and V, not V transposed
print(f"U diag(S) Vh rebuilds the data: max difference "
      f"{tf.reduce_max(tf.abs(U * S @ tf.transpose(V) - centred)):.1e}")
xy = centred @ V[:, :2]  # (words, 2): each word's place on the map
share = S**2 / tf.reduce_sum(S**2)  # variance along each direction
print(f"variance kept by 2 components: {share[0] + share[1]:.3f} "
      f"({share[0]:.3f} + {share[1]:.3f})")
ref = tf.constant(PCA(n_components=2).fit_transform(w2v.wv.vectors))
signs = tf.sign(tf.reduce_sum(ref * xy, axis=0))  # an axis may be flipped
print(f"largest difference from scikit-learn's PCA: "
      f"{tf.reduce_max(tf.abs(xy * signs - ref)):.1e}")
# %% Five topical groups of words: closer than two random words?
GROUPS = {"Afghanistan": "taliban qaeda laden kabul afghanistan fighters",
          "Middle East": "arafat sharon israel israeli palestinian hamas",
          "bushfires": "fire fires firefighters blaze crews wind",
          "cricket": "cricket wickets runs innings test match",
          "numbers": "two three four five six seven"}
def mean_cosine(g):  # over distinct pairs of rows of g
    return (tf.reduce_sum(g @ tf.transpose(g)) - len(g)) / (
        len(g) ** 2 - len(g))

unit = tf.math.l2_normalize(vectors, axis=1)  # cosine ranking
print(f"mean cosine of two different words: {mean_cosine(unit):.3f}")
for group, members in GROUPS.items():  # the same, within each group
    rows = [index[w] for w in members.split()]
    print(f"  within {group}: {mean_cosine(tf.gather(unit, rows)):.3f}")
# %% How much of the neighbourhood survives the map?
def nearest(points, k):  # indices of the k nearest, oneself excluded
    sq = tf.reduce_sum(points**2, axis=1)
    dist = sq[:, None] + sq[None, :] - 2 * tf.matmul(points, points,
                                                     transpose_b=True)
    dist = tf.linalg.set_diag(dist, tf.fill([len(points)], float("inf")))
    return tf.math.top_k(-dist, k).indices

full, flat = nearest(unit, NEIGHBOURS), nearest(xy, NEIGHBOURS)
kept = tf.reduce_mean(tf.cast(tf.reduce_any(
    full[:, :, None] == flat[:, None, :], axis=2), tf.float64))
print(f"{NEIGHBOURS} nearest in {VECTOR_SIZE}-D also {NEIGHBOURS} nearest "
      f"in 2-D: {kept:.3f} (by chance: {NEIGHBOURS / (len(words) - 1):.3f})")
rows = [index[w] for m in GROUPS.values() for w in m.split()]  # 30 words
label = tf.constant([g for g, m in enumerate(GROUPS.values())
                     for _ in m.split()])
same = [tf.reduce_mean(tf.cast(tf.gather(label, nearest(p, 1)[:, 0]) == label,
                               tf.float64))
        for p in (tf.gather(unit, rows), tf.gather(xy, rows))]
print(f"nearest plotted word in the same group: {same[0]:.3f} in "
      f"{VECTOR_SIZE}-D, {same[1]:.3f} in 2-D")  # over the 30 plotted words
# %% The map: a few topical groups of words
fig, ax = plt.subplots(figsize=(7, 5))
for group, members in GROUPS.items():
    rows = [index[w] for w in members.split()]
    points = tf.gather(xy, rows).numpy()
    ax.scatter(points[:, 0], points[:, 1], label=group)
    for r, p in zip(rows, points):
        ax.annotate(words[r], p.tolist(), fontsize=8)
ax.set_xlabel("component 1"), ax.set_ylabel("component 2"), ax.legend()
ax.margins(x=0.15)  # room for the labels of the outermost points
ax.set_title("Lee-corpus word vectors, first two principal components")
plt.show()
