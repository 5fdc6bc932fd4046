# %% Settings
import re
from collections import Counter

import keras
from gensim.test.utils import datapath

MAX_TOKENS = 2000  # vocabulary cap, padding and OOV tokens included
MAX_LEN = 12  # every sequence is padded or truncated to this length
PAD, OOV = 0, 1  # index 0 is padding, index 1 the out-of-vocabulary token
for name in ["MAX_TOKENS", "MAX_LEN", "PAD", "OOV"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Tokenizing: lower-case words, punctuation dropped
def tokenize(text):
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower())

def read(name):  # one text per line; lee.cor is not UTF-8 (a pound sign)
    with open(datapath(name), encoding="latin-1") as f:
        return [line for line in f.read().splitlines() if line.strip()]

train_texts, other_texts = read("lee_background.cor"), read("lee.cor")
print("texts (background, lee.cor):", len(train_texts), len(other_texts))
print("first tokens:", tokenize(train_texts[0])[:6])
counts = Counter(w for t in train_texts for w in tokenize(t))
print(f"tokens: {sum(counts.values())}, distinct words: {len(counts)}")

# %% A vocabulary with a cap: the most frequent words get indices
def build_vocab(texts, max_tokens):
    counts = Counter(w for t in texts for w in tokenize(t))
    words = [w for w, _ in counts.most_common(max_tokens - 2)]
    return {w: i for i, w in enumerate(["<pad>", "<unk>"] + words)}

def encode(text, vocab):
    return [vocab.get(w, OOV) for w in tokenize(text)]

vocab = build_vocab(train_texts, MAX_TOKENS)
print("vocabulary size:", len(vocab))
last = counts[list(vocab)[-1]]  # the count of the rarest word kept
tied = [w for w, n in counts.items() if n == last]  # in first-seen order
print(f"words: {len(vocab) - 2}; the rarest kept occur {last} times, as do "
      f"{len(tied)} words, {sum(w in vocab for w in tied)} of them kept")
first = list(vocab.items())[:8]
print("first entries:", ", ".join(f"{i} {w}" for w, i in first))
for name, texts in [("background", train_texts), ("lee.cor", other_texts)]:
    ids = [i for t in texts for i in encode(t, vocab)]
    print(f"OOV share of {name} tokens: {ids.count(OOV) / len(ids):.3f}")

# %% Padding and truncating to MAX_LEN, by hand
def pad(seqs, max_len):  # keep the first max_len ids, pad at the end
    return [s[:max_len] + [PAD] * (max_len - len(s[:max_len])) for s in seqs]

sentences = ["The fire is out.", "Firefighters say the wind has "
             "dropped and the fire near Hill Top is under control now."]
seqs = [encode(s, vocab) for s in sentences]
print("lengths:", [len(s) for s in seqs])
for row in pad(seqs, MAX_LEN):
    print(" ".join(f"{i:4d}" for i in row))
words = {i: w for w, i in vocab.items()}  # index -> word, for decoding
print("decoded:", " ".join(words[i] for i in pad(seqs, MAX_LEN)[0]))
print("cut off:", " ".join(words[i] for i in seqs[1][MAX_LEN:]))

# %% The framework's own padding gives the same ids
padded = keras.utils.pad_sequences(
    seqs, maxlen=MAX_LEN, padding="post", truncating="post", value=PAD)
print("same as pad_sequences:", padded.tolist() == pad(seqs, MAX_LEN))
pre = keras.utils.pad_sequences(seqs, maxlen=MAX_LEN)  # defaults: "pre"
print("defaults, first row:", pre[0].tolist())
print("defaults, row 2:", " ".join(words[i] for i in pre[1]))
