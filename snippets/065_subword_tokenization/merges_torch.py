# %% Settings
import re
from collections import Counter, defaultdict
from operator import itemgetter

import numpy as np
import torch
from gensim.test.utils import datapath
from torch import nn

NUM_MERGES = 2000  # merge operations to learn
EMBED_DIM = 16  # for the subword embedding at the end
SEED = 0
for name in ["NUM_MERGES", "EMBED_DIM", "SEED"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
# %% Text: Part 5's Lee corpus, repeated paragraphs removed
def tokenize(text):  # day 58's words: lower case, punctuation dropped
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower())
def read(name):  # one paragraph per line; keep the first of each opening
    with open(datapath(name), encoding="latin-1") as f:
        lines, seen = [p.lower() for p in f if p.strip()], set()
    return [p for p in lines if not (p[:60] in seen or seen.add(p[:60]))]
train, unseen = read("lee_background.cor"), read("lee.cor")
counts = Counter(w for p in train for w in tokenize(p))  # BPE learns on these
print(f"paragraphs: {len(train)} to learn from, {len(unseen)} unseen")
print(f"words: {sum(counts.values())}, distinct: {len(counts)}")
# %% Byte-pair encoding: start from characters, count adjacent pairs
def split(word):  # characters; the last one carries the end-of-word mark
    return tuple(word[:-1]) + (word[-1] + "</w>",)
words = {w: split(w) for w in counts}  # each distinct word's current pieces
pairs, where = Counter(), defaultdict(dict)  # pair -> count, -> its words
def count(word, sign):  # add (sign 1) or remove (-1) the word's pairs
    pieces = words[word]
    for pair in zip(pieces, pieces[1:]):
        pairs[pair] += sign * counts[word]
        where[pair][word] = None  # a dict, not a set: a fixed order
        if pairs[pair] == 0:
            del pairs[pair], where[pair]
for w in counts:
    count(w, 1)
base = sorted({p for pieces in words.values() for p in pieces})
print(f"starting symbols: {len(base)}, distinct pairs: {len(pairs)}")
# %% The merge loop: fuse the most frequent pair, update only its words
merges = []
for _ in range(NUM_MERGES):
    best, n = max(pairs.items(), key=itemgetter(1))  # ties: first counted
    merges.append((best, n))
    for w in list(where[best]):  # may list words that lost the pair
        count(w, -1)
        out = []
        for piece in words[w]:  # merge every occurrence, left to right
            if out and (out[-1], piece) == best:
                out[-1] += piece
            else:
                out.append(piece)
        words[w] = tuple(out)
        count(w, 1)
print("first merges (pair, count):")
for k in range(0, 12, 4):
    print("  " + "  ".join(f"{a}+{b} {n}" for (a, b), n in merges[k:k + 4]))
print(f"merges learned: {len(merges)}, the last seen {merges[-1][1]} times")
# %% Tokenising a word: apply the merges in the order they were learned
rank = {pair: r for r, (pair, _) in enumerate(merges)}
vocab = base + [a + b for (a, b), _ in merges]  # index = token id
ids = {symbol: i for i, symbol in enumerate(vocab)}
print("vocabulary size:", len(vocab))
def encode(word):  # the earliest-learned pair present is merged first
    pieces = list(split(word))
    while len(pieces) > 1:
        r, i = min((rank.get(p, NUM_MERGES), i)
                   for i, p in enumerate(zip(pieces, pieces[1:])))
        if r == NUM_MERGES:
            return pieces
        pieces[i:i + 2] = [pieces[i] + pieces[i + 1]]
    return pieces
same = sum(encode(w) == list(words[w]) for w in counts) / len(counts)
print(f"training words encoded as the learner left them: {same:.3f}")
# %% Words the learner never saw still get pieces
tests = Counter(w for p in unseen for w in tokenize(p))  # lee.cor's words
new = [w for w in tests if w not in counts]
print(f"lee.cor words never seen in training: {len(new)}")
for w in new[:6] + ["the", "firefighters"]:
    print(f"{w:>13}: {' '.join(encode(w))}")
for seen in (True, False):  # lee.cor's running words, split by: seen?
    part = {w: n for w, n in tests.items() if (w in counts) == seen}
    mean = sum(len(encode(w)) * n for w, n in part.items()) / sum(part.values())
    print(f"lee.cor words {'un' * (not seen)}seen in training: "
          f"{sum(part.values())}, {mean:.2f} pieces each")
# %% Subword ids as tensors: one vector per word, the mean of its pieces
sentence = tokenize(unseen[0])[:10]
print("sentence:", " ".join(sentence))
rows = [[ids[p] for p in encode(w)] for w in sentence]
print("pieces per word:", [len(row) for row in rows])
torch.manual_seed(SEED)
embedding = nn.EmbeddingBag(len(vocab), EMBED_DIM, mode="mean")
starts = torch.tensor([0] + [len(row) for row in rows[:-1]]).cumsum(0)
vectors = embedding(torch.tensor(sum(rows, [])), starts).detach()  # offsets
by_hand = np.stack([embedding.weight.detach()[row].mean(0) for row in rows])
print(f"word vectors {tuple(vectors.shape)}, max abs difference from the "
      f"mean of table rows: {np.abs(vectors.numpy() - by_hand).max():.1e}")
