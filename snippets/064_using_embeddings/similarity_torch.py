# %% Settings
import re
import zlib

import torch
import torch.nn.functional as F
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
vectors = torch.tensor(w2v.wv.vectors)  # from here on, only torch
print("vocabulary:", len(words), "words; vectors:", tuple(vectors.shape))

# %% Cosine similarity: unit vectors, then one matrix product
unit = F.normalize(vectors, dim=1)  # each row divided by its length
cosine = unit @ unit.T  # (V, V): every pair of words at once
a, b = index["fire"], index["fires"]
by_hand = vectors[a] @ vectors[b] / (vectors[a].norm() * vectors[b].norm())
print(f"cos(fire, fires): {cosine[a, b]:.4f}, by hand {by_hand:.4f}, "
      f"gensim {w2v.wv.similarity('fire', 'fires'):.4f}")
print(f"diagonal: min {cosine.diagonal().min():.4f}, "
      f"max {cosine.diagonal().max():.4f}")
upper = torch.triu_indices(len(words), len(words), 1).unbind()
pairs = cosine[upper]  # each pair once
centred = F.normalize(vectors - vectors.mean(dim=0), dim=1)
pairs_c = (centred @ centred.T)[upper]
print(f"mean cosine over all pairs: {pairs.mean():.3f}; "
      f"after subtracting the mean vector: {pairs_c.mean():.3f}")

# %% Nearest neighbours: the largest cosines, the word itself excluded
def neighbours(word, k=TOP_K):
    scores = cosine[index[word]].clone()
    scores[index[word]] = -2.0  # below any cosine
    top = torch.topk(scores, k)
    return [(words[i], s) for i, s in zip(top.indices.tolist(),
                                          top.values.tolist())]

same, gap = 0, 0.0
for word in QUERIES:
    mine = neighbours(word)
    theirs = w2v.wv.most_similar(word, topn=TOP_K)
    same += [w for w, _ in mine] == [w for w, _ in theirs]
    gap = max(gap, max(abs(s - t) for (_, s), (_, t) in zip(mine, theirs)))
    print(f"{word:>8}: " + ", ".join(f"{w} {s:.2f}" for w, s in mine))
print(f"same neighbours as gensim: {same} of {len(QUERIES)}, "
      f"largest score difference {gap:.1e}")
