# %% Settings
import re
from collections import Counter
import numpy as np
import tensorflow as tf
from gensim.test.utils import datapath
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
DATA_SEED = 0  # the paragraph split and the Markov chain's sampling
TRAIN_SHARE = 0.8  # of the 300 paragraphs; the rest are test paragraphs
MIN_LEN = 5  # shorter real sentences (in tokens) are dropped
MAX_TOKENS, MAX_LEN = 2000, 30  # vocabulary cap (pad, OOV in); padded length
PAD, OOV = 0, 1  # index 0 is padding, index 1 the out-of-vocabulary token
BATCH_SIZE = 128
print(f"data seed: {DATA_SEED}, train share: {TRAIN_SHARE}, min len: {MIN_LEN}")
print(f"max tokens: {MAX_TOKENS}, max len: {MAX_LEN}, batch size: {BATCH_SIZE}")
# %% The tokenizer and vocabulary of day 58; sentences of a paragraph
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
def sentences(paragraphs):  # tokenized, space-joined, no repeats
    found = (" ".join(tokenize(s)) for p in paragraphs
             for s in re.split(r"(?<=[.!?])\s+", p))
    return list(dict.fromkeys(s for s in found if len(s.split()) >= MIN_LEN))
# %% A word-level Markov chain writes one fake per real sentence, same length
def markov_fakes(texts, real, rng):  # order 1, built from texts
    follow = {}  # every word seen after each word ("<s>": sentence start)
    for words in (["<s>"] + t.split() + ["</s>"] for t in texts):
        for a, b in zip(words, words[1:]):
            follow.setdefault(a, []).append(b)
    want, found, seen = Counter(len(t.split()) for t in real), {}, set(texts)
    while want.total():  # rejection sampling: keep only a length still wanted
        words = ["<s>"]
        while words[-1] != "</s>":
            options = follow[words[-1]]
            words.append(options[rng.integers(len(options))])
        text, n = " ".join(words[1:-1]), len(words) - 2
        if want[n] > 0 and text not in seen:  # not a text, not a repeat
            found.setdefault(n, []).append(text)
            seen.add(text)
            want[n] -= 1
    return [found[len(t.split())].pop() for t in real]  # in the order of real
# %% The split: the chain sees training sentences only; checks
rng = np.random.default_rng(DATA_SEED)
lines = open(datapath("lee_background.cor"), encoding="latin-1").readlines()
paragraphs = [lines[i] for i in rng.permutation(len(lines))]  # 300
n_train = int(TRAIN_SHARE * len(paragraphs))
real_train = sentences(paragraphs[:n_train])
real_test = [s for s in sentences(paragraphs[n_train:]) if s not in real_train]
fakes = markov_fakes(real_train, real_train + real_test, rng)
fakes_train, fakes_test = fakes[:len(real_train)], fakes[len(real_train):]
texts_train, texts_test = real_train + fakes_train, real_test + fakes_test
y_train, y_test = (np.repeat([1.0, 0.0], len(r))  # 1 real, 0 machine
                   for r in (real_train, real_test))
print(f"train: {len(texts_train)}, test: {len(texts_test)} (half real)")
print("real sentences (train, test):", len(real_train), len(real_test))
print("test sentences dropped as repeats of training ones:",
      len(sentences(paragraphs[n_train:])) - len(real_test))
print("test texts in the training texts, fakes equal to a real sentence:",
      len(set(texts_test) & set(texts_train)),
      len(set(fakes) & set(real_train + real_test)))
print("every fake as long as its real sentence:", all(len(r.split()) == len(
    f.split()) for r, f in zip(real_train + real_test, fakes)))
# %% A few test texts, real (1) and machine-written (0); baselines
for i in (0, 1, len(real_test), len(real_test) + 1):
    print(f"{y_test[i]:.0f} | {texts_test[i][:74]}")
print(f"majority class: {max(y_test.mean(), 1 - y_test.mean()):.3f}")
print(f"standard error at accuracy 0.5: {0.5 / len(y_test) ** 0.5:.3f}")
length = lambda t: [str(min(len(t.split()), MAX_LEN))]  # as the LSTM sees it
kinds = {"sentence length only": dict(analyzer=length)}
for n in (1, 2, 3):  # n = 1: bag of words; n = 3: words, pairs, triples
    kinds[f"1- to {n}-grams"] = dict(ngram_range=(1, n), token_pattern=r"\S+")
for name, settings in kinds.items():  # logistic regression on counts
    counts = CountVectorizer(**settings)
    logreg = LogisticRegression(solver="liblinear").fit(
        counts.fit_transform(texts_train), y_train)
    accuracy = logreg.score(counts.transform(texts_test), y_test)
    print(f"logistic regression, {name}: {accuracy:.3f}")
# %% Ids in batches: the vocabulary comes from the training texts only
vocab = build_vocab(texts_train, MAX_TOKENS)
x_train = np.array(pad([encode(t, vocab) for t in texts_train], MAX_LEN))
batches = tf.data.Dataset.from_tensor_slices((x_train, y_train)).shuffle(
    len(x_train), seed=DATA_SEED).batch(BATCH_SIZE)
print("one batch:", *(tuple(t.shape) for t in next(iter(batches))))
pairs = lambda t: list(zip(t.split(), t.split()[1:]))
train_pairs = {p for t in real_train for p in pairs(t)}
for name, part in (("real", real_test), ("machine", fakes_test)):
    ids = [i for t in part for i in encode(t, vocab)]
    new = [p not in train_pairs for t in part for p in pairs(t)]
    print(f"{name} test texts: OOV share {ids.count(OOV) / len(ids):.3f}, "
          f"pairs unseen in training {np.mean(new):.3f}")
