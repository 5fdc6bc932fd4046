# %% Settings
import re
from collections import Counter
import numpy as np
import torch
from gensim.test.utils import datapath
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from torch.utils.data import DataLoader, TensorDataset
DATA_SEED = 0  # the paragraph split and the Markov chain's sampling
TRAIN_SHARE = 0.8  # of the 300 paragraphs; the rest are test paragraphs
MIN_LEN = 5  # shorter sentences (in tokens) are dropped, real or machine
MAX_TOKENS, MAX_LEN = 2000, 30  # vocabulary cap (pad, OOV in); padded length
PAD, OOV = 0, 1  # index 0 is padding, index 1 the out-of-vocabulary token
BATCH_SIZE = 128
print(f"data seed: {DATA_SEED}, train share: {TRAIN_SHARE}, min len: {MIN_LEN}")
print(f"max tokens: {MAX_TOKENS}, max len: {MAX_LEN}, batch size: {BATCH_SIZE}")
# %% The tokenizer and vocabulary of day 58
def tokenize(text):
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower())
def build_vocab(texts, max_tokens):
    counts = Counter(w for t in texts for w in tokenize(t))
    words = [w for w, _ in counts.most_common(max_tokens - 2)]
    return {w: i for i, w in enumerate(["<pad>", "<unk>"] + words)}
def encode(text, vocab):
    return [vocab.get(w, OOV) for w in tokenize(text)]
def pad(seqs, max_len):  # keep the first max_len ids, pad at the end
    return [s[:max_len] + [PAD] * (max_len - len(s[:max_len])) for s in seqs]
# %% Real sentences and a word-level Markov chain that writes fakes
def sentences(paragraphs):  # tokenized, space-joined, no repeats
    found = (" ".join(tokenize(s)) for p in paragraphs
             for s in re.split(r"(?<=[.!?])\s+", p))
    return list(dict.fromkeys(s for s in found if len(s.split()) >= MIN_LEN))
def markov_fakes(texts, n, rng):  # order 1: next word given this word
    follow = {}
    for words in (["<s>"] + t.split() + ["</s>"] for t in texts):
        for a, b in zip(words, words[1:]):
            follow.setdefault(a, []).append(b)
    fakes = dict.fromkeys(texts)  # keeps order; no fake repeats a text
    while len(fakes) < len(texts) + n:
        words = ["<s>"]
        while words[-1] != "</s>":
            options = follow[words[-1]]  # every word seen after this one
            words.append(options[rng.integers(len(options))])
        if len(words) - 2 >= MIN_LEN:
            fakes[" ".join(words[1:-1])] = None
    return list(fakes)[len(texts):]
# %% The split: the chain sees training sentences only; no repeats in test
rng = np.random.default_rng(DATA_SEED)
lines = open(datapath("lee_background.cor"), encoding="latin-1").readlines()
paragraphs = [lines[i] for i in rng.permutation(len(lines))]  # 300
n_train = int(TRAIN_SHARE * len(paragraphs))
real_train = sentences(paragraphs[:n_train])
real_test = [s for s in sentences(paragraphs[n_train:]) if s not in real_train]
fakes = markov_fakes(real_train, len(real_train) + len(real_test), rng)
texts_train = real_train + fakes[:len(real_train)]
texts_test = real_test + fakes[len(real_train):]
y_train, y_test = (np.repeat([1.0, 0.0], len(r))  # 1 real, 0 machine
                   for r in (real_train, real_test))
print(f"train: {len(texts_train)}, test: {len(texts_test)} (half real)")
print("real sentences (train, test):", len(real_train), len(real_test))
print("test sentences dropped as repeats of training ones:",
      len(sentences(paragraphs[n_train:])) - len(real_test))
print("test texts also in the training texts:",
      len(set(texts_test) & set(texts_train)))
print("machine texts equal to a real sentence:",
      len(set(fakes) & set(real_train + real_test)))
# %% A few test texts, real (1) and machine-written (0)
for i in (0, 1, len(real_test), len(real_test) + 1):
    print(f"{y_test[i]:.0f} | {texts_test[i][:74]}")
# %% Baselines: majority class, and logistic regression on n-gram counts
print(f"majority class: {max(y_test.mean(), 1 - y_test.mean()):.3f}")
for n in (1, 2, 3):  # n = 1: bag of words; n = 3: words, pairs, triples
    counts = CountVectorizer(ngram_range=(1, n), token_pattern=r"\S+")
    logreg = LogisticRegression(solver="liblinear").fit(
        counts.fit_transform(texts_train), y_train)
    accuracy = logreg.score(counts.transform(texts_test), y_test)
    print(f"logistic regression, 1- to {n}-grams: {accuracy:.3f}")
# %% Ids in batches: the vocabulary comes from the training texts only
vocab = build_vocab(texts_train, MAX_TOKENS)
x_train = torch.tensor(pad([encode(t, vocab) for t in texts_train], MAX_LEN))
batches = DataLoader(TensorDataset(x_train, torch.tensor(y_train)),
                     batch_size=BATCH_SIZE, shuffle=True)
x, y = next(iter(batches))
print("one batch:", tuple(x.shape), tuple(y.shape))
test_ids = [i for t in texts_test for i in encode(t, vocab)]
print(f"OOV share of test tokens: {test_ids.count(OOV) / len(test_ids):.3f}")
