# %% Settings
import re
from collections import Counter
import numpy as np
import torch
from gensim.test.utils import datapath
from torch import nn
DATA_SEED = 0  # the paragraph split and the Markov chain's sampling
TRAIN_SHARE = 0.8  # of the 300 paragraphs; the rest are test paragraphs
MIN_LEN = 5  # shorter real sentences (in tokens) are dropped
MAX_TOKENS, MAX_LEN = 2000, 30  # vocabulary cap (pad, OOV in); padded length
PAD, OOV = 0, 1  # index 0 is padding, index 1 the out-of-vocabulary token
SEEDS, EMBED_DIM, UNITS = (0, 1, 2), 16, 32
EPOCHS, BATCH_SIZE, LEARNING_RATE = 4, 128, 0.005
print(f"seeds: {SEEDS}, max tokens: {MAX_TOKENS}, max len: {MAX_LEN}")
print(f"embed dim: {EMBED_DIM}, units: {UNITS}, epochs: {EPOCHS}, "
      f"batch size: {BATCH_SIZE}, learning rate: {LEARNING_RATE}")
torch.set_num_threads(1)  # a model this small runs faster on one thread
# %% The tokenizer and vocabulary of day 58; sentences of a paragraph
def tokenize(text):
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower())
def build_vocab(texts, max_tokens):
    counts = Counter(w for t in texts for w in tokenize(t))
    words = [w for w, _ in counts.most_common(max_tokens - 2)]
    return {w: i for i, w in enumerate(["<pad>", "<unk>"] + words)}
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
# %% The split: the chain sees training sentences only
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
# %% Ids, an embedding, and an LSTM that skips the padding
vocab = build_vocab(texts_train, MAX_TOKENS)  # training texts only
def ids(texts):
    seqs = [[vocab.get(w, OOV) for w in t.split()][:MAX_LEN] for t in texts]
    return torch.tensor(pad(seqs, MAX_LEN)), torch.tensor(list(map(len, seqs)))
(x_train, len_train), (x_test, len_test) = ids(texts_train), ids(texts_test)
y_train, y_test = torch.tensor(y_train).float(), torch.tensor(y_test)
class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(MAX_TOKENS, EMBED_DIM, padding_idx=PAD)
        self.lstm = nn.LSTM(EMBED_DIM, UNITS, batch_first=True)
        self.out = nn.Linear(UNITS, 1)
    def forward(self, x, lengths):  # h: the state at each one's length
        _, (h, _) = self.lstm(nn.utils.rnn.pack_padded_sequence(
            self.embed(x), lengths, batch_first=True, enforce_sorted=False))
        return self.out(h[-1]).squeeze(1)
# %% Training over seeds; test accuracy after every epoch; four examples
finals = []
for seed in SEEDS:
    torch.manual_seed(seed)
    model, curve = Classifier(), []
    adam = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
    for epoch in range(EPOCHS):
        for b in torch.randperm(len(x_train)).split(BATCH_SIZE):
            loss = nn.functional.binary_cross_entropy_with_logits(
                model(x_train[b], len_train[b]), y_train[b])
            adam.zero_grad()
            loss.backward()
            adam.step()
        prob = torch.sigmoid(model(x_test, len_test)).detach()
        curve.append(((prob > 0.5) == (y_test > 0.5)).float().mean().item())
    finals.append(curve[-1])
    print(f"seed {seed}: test accuracy by epoch", [round(a, 3) for a in curve])
print(f"final test accuracy: mean {np.mean(finals):.3f}, "
      f"range {min(finals):.3f}-{max(finals):.3f}")
for i in (0, 1, len(real_test), len(real_test) + 1):
    print(f"{y_test[i]:.0f} {prob[i]:.2f} | {texts_test[i][:66]}")
