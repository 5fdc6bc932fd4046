# %% Settings
import re
import zlib

import matplotlib.pyplot as plt
import torch
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
vectors = torch.tensor(w2v.wv.vectors)
print("vocabulary:", len(words), "words; vectors:", tuple(vectors.shape))
# %% PCA by SVD: centre, then project on the top two right singular vectors
centred = vectors - vectors.mean(dim=0)
U, S, Vh = torch.linalg.svd(centred, full_matrices=False)  # U S Vh
print(f"U diag(S) Vh rebuilds the data: max difference "
      f"{(U * S @ Vh - centred).abs().max():.1e}")
xy = centred @ Vh[:2].T  # (words, 2): each word's place on the map
share = S**2 / (S**2).sum()  # variance along each direction
print(f"variance kept by 2 components: {share[:2].sum():.3f} "
      f"({share[0]:.3f} + {share[1]:.3f})")
ref = torch.tensor(PCA(n_components=2).fit_transform(w2v.wv.vectors))
signs = torch.sign((ref * xy).sum(dim=0))  # an axis may come out flipped
print(f"largest difference from scikit-learn's PCA: "
      f"{(xy * signs - ref).abs().max():.1e}")
# %% Five topical groups of words: closer than two random words?
GROUPS = {"Afghanistan": "taliban qaeda laden kabul afghanistan fighters",
          "Middle East": "arafat sharon israel israeli palestinian hamas",
          "bushfires": "fire fires firefighters blaze crews wind",
          "cricket": "cricket wickets runs innings test match",
          "numbers": "two three four five six seven"}
def mean_cosine(g):  # over distinct pairs of rows of g
    return ((g @ g.T).sum() - len(g)) / (len(g) ** 2 - len(g))

unit = torch.nn.functional.normalize(vectors, dim=1)  # cosine ranking
print(f"mean cosine of two different words: {mean_cosine(unit):.3f}")
for group, members in GROUPS.items():  # the same, within each group
    rows = [index[w] for w in members.split()]
    print(f"  within {group}: {mean_cosine(unit[rows]):.3f}")
# %% How much of the neighbourhood survives the map?
def nearest(points, k):  # indices of the k nearest, oneself excluded
    dist = torch.cdist(points, points)
    dist.fill_diagonal_(float("inf"))
    return dist.topk(k, largest=False).indices

full, flat = nearest(unit, NEIGHBOURS), nearest(xy, NEIGHBOURS)
kept = (full[:, :, None] == flat[:, None, :]).any(dim=2).double().mean()
print(f"{NEIGHBOURS} nearest in {VECTOR_SIZE}-D also {NEIGHBOURS} nearest "
      f"in 2-D: {kept:.3f} (by chance: {NEIGHBOURS / (len(words) - 1):.3f})")
rows = [index[w] for m in GROUPS.values() for w in m.split()]  # 30 words
label = torch.tensor([g for g, m in enumerate(GROUPS.values())
                      for _ in m.split()])
same = [(label[nearest(p, 1)[:, 0]] == label).double().mean()
        for p in (unit[rows], xy[rows])]
print(f"nearest plotted word in the same group: {same[0]:.3f} in "
      f"{VECTOR_SIZE}-D, {same[1]:.3f} in 2-D")  # over the 30 plotted words
# %% The map: a few topical groups of words
fig, ax = plt.subplots(figsize=(7, 5))
for group, members in GROUPS.items():
    rows = [index[w] for w in members.split()]
    ax.scatter(xy[rows, 0], xy[rows, 1], label=group)
    for r in rows:
        ax.annotate(words[r], xy[r].tolist(), fontsize=8)
ax.set_xlabel("component 1"), ax.set_ylabel("component 2"), ax.legend()
ax.margins(x=0.15)  # room for the labels of the outermost points
ax.set_title("Lee-corpus word vectors, first two principal components")
plt.show()
