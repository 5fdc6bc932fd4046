# %% Settings
import re
from collections import Counter, defaultdict
from operator import itemgetter

import matplotlib.pyplot as plt
import tensorflow as tf
from gensim.test.utils import datapath

MERGE_COUNTS = [0, 250, 500, 1000, 2000]  # vocabularies to compare
NUM_MERGES = max(MERGE_COUNTS)  # learned once: the first k are k merges
for name in ["MERGE_COUNTS", "NUM_MERGES"]:
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
tests = Counter(w for p in unseen for w in tokenize(p))  # lee.cor's words
print(f"words: {sum(counts.values())} train, {sum(tests.values())} lee.cor")
# %% The merges script's learner, repeated so that this script runs alone
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
# %% Its merge loop
merges = []
for _ in range(NUM_MERGES):
    best = max(pairs.items(), key=itemgetter(1))[0]  # ties: first counted
    merges.append(best)
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
# %% Tokenising with the first k merges
def encode(word, rank):  # the earliest-learned pair present is merged first
    pieces = list(split(word))
    while len(pieces) > 1:
        r, i = min((rank.get(p, len(rank)), i)
                   for i, p in enumerate(zip(pieces, pieces[1:])))
        if r == len(rank):
            return pieces
        pieces[i:i + 2] = [pieces[i] + pieces[i + 1]]
    return pieces
# %% Vocabulary size against tokens per word, and a word vocabulary's OOV
def per_word(lengths, text):  # mean tokens per word, weighted by frequency
    n = tf.constant([text[w] for w in text], tf.float32)
    return float(tf.reduce_sum(tf.constant(lengths, tf.float32) * n)
                 / tf.reduce_sum(n))
print("merges  vocab  tokens/word: train  lee.cor   word-level OOV")
table = []
for k in MERGE_COUNTS:
    rank = {pair: r for r, pair in enumerate(merges[:k])}
    vocab = set(base) | {a + b for a, b in merges[:k]}
    train_len = per_word([len(encode(w, rank)) for w in counts], counts)
    test_len = per_word([len(encode(w, rank)) for w in tests], tests)
    known = {w for w, _ in counts.most_common(len(vocab))}  # same size
    oov = 1 - per_word([w in known for w in tests], tests)
    table.append((len(vocab), train_len, test_len, oov))
    print(f"{k:6d} {len(vocab):6d} {train_len:18.2f} {test_len:8.2f} "
          f"{oov:16.3f}")
# %% Out of vocabulary: BPE with every merge, words with every training word
missing = sum(tests[w] for w in tests if set(encode(w, rank)) - vocab)
print(f"lee.cor words with a piece outside the BPE vocabulary: {missing}")
oov = 1 - per_word([w in counts for w in tests], tests)
print(f"every training word ({len(counts)}): lee.cor OOV {oov:.3f}")
# %% A picture of the trade-off
sizes, _, test_lens, oovs = zip(*table)
fig, (left, right) = plt.subplots(1, 2, figsize=(8, 3.2),
                                layout="constrained")
left.plot(sizes, test_lens, "o-")
left.set(xlabel="vocabulary size", ylabel="BPE tokens per lee.cor word")
right.plot(sizes, oovs, "o-", label="word-level")
right.plot(sizes, [0] * len(sizes), "s-", label="BPE")
right.set(xlabel="vocabulary size", ylabel="OOV share of lee.cor tokens")
right.legend()
fig.suptitle("Equal vocabularies: BPE's sequences grow, words go missing")
plt.show()
