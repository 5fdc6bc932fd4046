# %% Settings: the data snippet's, plus the optimizer's
import re
import zlib
from collections import Counter
import numpy as np
import torch
from gensim.models import Word2Vec
from gensim.parsing.preprocessing import STOPWORDS
from gensim.test.utils import datapath
from torch import nn
MIN_COUNT, DIM, WINDOW, NEGATIVE, TOP_K = 5, 50, 5, 5, 10
SAMPLE, EPOCHS, TABLE_SIZE, N_CONTENT = 1e-3, 5, 1_000_000, 50
SEEDS, BATCH_SIZE, LEARNING_RATE, OUR_EPOCHS = (0, 1, 2), 16384, 0.08, 3  # Adam
print(f"seeds: {SEEDS}, batch size: {BATCH_SIZE}, lr: {LEARNING_RATE}, "
      f"epochs: {OUR_EPOCHS} (gensim: {EPOCHS})")
torch.set_num_threads(1)  # measured: faster than two threads here
# %% The data snippet's corpus, subsampling, table and reference, condensed
with open(datapath("lee_background.cor"), encoding="latin-1") as f:
    lines, seen = [p.lower() for p in f if p.strip()], set()
paragraphs = [re.findall(r"[a-z0-9]+(?:'[a-z]+)?", p) for p in lines
              if not (p[:60] in seen or seen.add(p[:60]))]
counts = Counter(w for p in paragraphs for w in p)
words = [w for w, n in counts.most_common() if n >= MIN_COUNT]  # by count
index, V = {w: i for i, w in enumerate(words)}, len(words)
f = np.array([counts[w] for w in words]) / sum(counts[w] for w in words)
keep = np.minimum(1.0, np.sqrt(SAMPLE / f) + SAMPLE / f)
noise = f**0.75 / (f**0.75).sum()
table = np.repeat(np.arange(V), np.round(noise * TABLE_SIZE).astype(int))
gensim = Word2Vec([[w for w in p if w in index] for p in paragraphs],
                  vector_size=DIM, window=WINDOW, min_count=MIN_COUNT, sg=1,
                  negative=NEGATIVE, sample=SAMPLE, epochs=EPOCHS, workers=1,
                  seed=0, hashfxn=lambda w: zlib.crc32(w.encode()))
reference = torch.tensor(np.array([gensim.wv[w] for w in words]))
# %% One epoch of (centre, context) pairs, vectorised
ids, para = np.array([(index[w], i) for i, p in enumerate(paragraphs)
                      for w in p if w in index]).T  # word, paragraph
def skipgram_pairs(rng):  # subsampled afresh each epoch, as word2vec does
    tok, par = np.stack([ids, para])[:, rng.random(len(ids)) < keep[ids]]
    reach = rng.integers(1, WINDOW + 1, len(tok))  # word2vec's shrunk window
    centre, context = [], []
    for d in range(1, WINDOW + 1):
        a = np.arange(len(tok) - d)
        for c, o in ((a, a + d), (a + d, a)):  # context d to the right, left
            ok = (par[c] == par[o]) & (reach[c] >= d)
            centre.append(tok[c[ok]]), context.append(tok[o[ok]])
    order = rng.permutation(sum(map(len, centre)))  # shuffled
    return np.concatenate(centre)[order], np.concatenate(context)[order]
# %% The model: two tables, and the negative-sampling loss written out
class SkipGram(nn.Module):  # v: centre vectors, u: context vectors
    def __init__(self):
        super().__init__()
        self.inp, self.out = nn.Embedding(V, DIM), nn.Embedding(V, DIM)
        nn.init.uniform_(self.inp.weight, -0.5 / DIM, 0.5 / DIM)  # word2vec.c
        nn.init.zeros_(self.out.weight)  # initialisation
    def forward(self, centre, targets):  # targets: context, then negatives
        return (self.out(targets) * self.inp(centre)[:, None]).sum(-1)
def sgns_loss(s):  # -log sig(u_o.v_c) - sum_k log sig(-u_k.v_c), mean
    lsig = nn.functional.logsigmoid  # log of the sigmoid sig, stable
    return -(lsig(s[:, 0]) + lsig(-s[:, 1:]).sum(1)).mean()
# %% Training: each seed draws its own pairs, negatives and initial vectors
def train(seed):
    torch.manual_seed(seed)
    rng, model, history = np.random.default_rng(seed), SkipGram(), []
    optimizer = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
    for _ in range(OUR_EPOCHS):
        c, o = skipgram_pairs(rng)
        negatives = table[rng.integers(len(table), size=(len(c), NEGATIVE))]
        c = torch.from_numpy(c)
        targets = torch.from_numpy(np.column_stack([o, negatives]))
        for s in range(0, len(c) - BATCH_SIZE + 1, BATCH_SIZE):  # full ones
            loss = sgns_loss(model(c[s:s + BATCH_SIZE],
                                   targets[s:s + BATCH_SIZE]))
            optimizer.zero_grad(), loss.backward(), optimizer.step()
            history.append(loss.item())
    print(f"seed {seed}: loss {history[0]:.3f} -> {np.mean(history[-20:]):.3f}")
    return model.inp.weight.detach()
vectors = {seed: train(seed) for seed in SEEDS}
# %% Nearest neighbours, and top-10 overlap with gensim's, over seeds
def neighbours(vectors, k=TOP_K):  # cosine similarity; a word is not its own
    unit = nn.functional.normalize(vectors.float(), dim=1)
    return torch.topk((unit @ unit.T).fill_diagonal_(-2.0), k).indices.numpy()
content = [i for i, w in enumerate(words)
           if w not in STOPWORDS and not w.isdigit()][:N_CONTENT]
def overlap(a, b):  # mean share of top-10 neighbours the two lists share
    na, nb = neighbours(a), neighbours(b)
    return np.mean([len(set(na[i]) & set(nb[i])) / TOP_K for i in content])
for w in ("fire", "police", "palestinian", "afghanistan"):
    near = neighbours(vectors[0])[index[w], :5]
    print(f"seed 0, {w}:", ", ".join(words[j] for j in near))
scores = [overlap(vectors[s], reference) for s in SEEDS]
print("overlap with gensim, per seed:", ", ".join(f"{x:.3f}" for x in scores))
print(f"mean {np.mean(scores):.3f}, spread {np.ptp(scores):.3f}")
