# %% Settings: day 62's, with smaller batches (one example per word)
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
SEEDS, BATCH_SIZE, LEARNING_RATE, OUR_EPOCHS = (0, 1, 2), 1024, 0.02, 3  # Adam
print(f"seeds: {SEEDS}, batch size: {BATCH_SIZE}, lr: {LEARNING_RATE}, "
      f"epochs: {OUR_EPOCHS} (gensim: {EPOCHS})")
torch.set_num_threads(1)  # measured: faster than two threads here
# %% Day 62's corpus, subsampling and table; gensim's CBOW as reference
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
def gensim_vectors(sg, hashfxn=lambda w: zlib.crc32(w.encode())):  # seed 0
    model = Word2Vec([[w for w in p if w in index] for p in paragraphs],
                     vector_size=DIM, window=WINDOW, min_count=MIN_COUNT,
                     negative=NEGATIVE, sample=SAMPLE, epochs=EPOCHS, sg=sg,
                     workers=1, seed=0, hashfxn=hashfxn)
    return torch.tensor(np.array([model.wv[w] for w in words]))
reference, skipgram = gensim_vectors(sg=0), gensim_vectors(sg=1)
# %% One epoch of CBOW examples: each kept word with its window, vectorised
ids, para = np.array([(index[w], i) for i, p in enumerate(paragraphs)
                      for w in p if w in index]).T  # word, paragraph
offsets = np.r_[-WINDOW:0, 1:WINDOW + 1]  # the 2 * WINDOW context positions
def cbow_examples(rng):  # subsampled afresh each epoch, as word2vec does
    tok, par = np.stack([ids, para])[:, rng.random(len(ids)) < keep[ids]]
    reach = rng.integers(1, WINDOW + 1, len(tok))  # word2vec's shrunk window
    pos = (np.arange(len(tok))[:, None] + offsets) % len(tok)  # wrapped ends
    mask = (par[pos] == par[:, None]) & (abs(offsets) <= reach[:, None])
    order = rng.permutation(np.flatnonzero(mask.any(1)))  # shuffled
    weights = mask[order] / mask[order].sum(1, keepdims=True)  # 1/n each
    return tok[order], tok[pos[order]], weights.astype(np.float32)
# %% The model: two tables, and the negative-sampling loss written out
class CBOW(nn.Module):  # v: context vectors, averaged; u: output vectors
    def __init__(self):
        super().__init__()
        self.inp, self.out = nn.Embedding(V, DIM), nn.Embedding(V, DIM)
        nn.init.uniform_(self.inp.weight, -0.5 / DIM, 0.5 / DIM)  # word2vec.c
        nn.init.zeros_(self.out.weight)  # initialisation
    def forward(self, context, weights, targets):  # targets: centre, negatives
        h = (self.inp(context) * weights[..., None]).sum(1)  # their mean
        return (self.out(targets) * h[:, None]).sum(-1)
def cbow_loss(s):  # -log sig(u_c.h) - sum_k log sig(-u_k.h), mean
    lsig = nn.functional.logsigmoid  # log of the sigmoid sig, stable
    return -(lsig(s[:, 0]) + lsig(-s[:, 1:]).sum(1)).mean()
# %% Training: each seed draws its own examples, negatives and start
def train(seed):
    torch.manual_seed(seed)
    rng, model, history = np.random.default_rng(seed), CBOW(), []
    optimizer = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
    for _ in range(OUR_EPOCHS):
        c, context, weights = cbow_examples(rng)
        negatives = table[rng.integers(len(table), size=(len(c), NEGATIVE))]
        context, weights = torch.from_numpy(context), torch.from_numpy(weights)
        targets = torch.from_numpy(np.column_stack([c, negatives]))
        for b in np.r_[:c.size - c.size % BATCH_SIZE].reshape(-1, BATCH_SIZE):
            loss = cbow_loss(model(context[b], weights[b], targets[b]))
            optimizer.zero_grad(), loss.backward(), optimizer.step()
            history.append(loss.item())
    print(f"seed {seed}: loss {history[0]:.3f} -> {np.mean(history[-20:]):.3f}")
    return model.inp.weight.detach()
vectors = {seed: train(seed) for seed in SEEDS}
# %% Neighbours; overlap with gensim's CBOW and skip-gram, over seeds
def neighbours(vectors, k=TOP_K):  # cosine similarity; a word is not its own
    unit = nn.functional.normalize(vectors.float(), dim=1)
    return torch.topk((unit @ unit.T).fill_diagonal_(-3.0), k).indices.numpy()
content = [i for i, w in enumerate(words)
           if w not in STOPWORDS and not w.isdigit()][:N_CONTENT]
def overlap(a, b):  # mean share of top-10 neighbours the two lists share
    na, nb = neighbours(a), neighbours(b)
    return np.mean([len(set(na[i]) & set(nb[i])) / TOP_K for i in content])
for w in ("fire", "police", "palestinian", "afghanistan"):
    near = neighbours(vectors[0])[index[w], :5]
    print(f"seed 0, {w}:", ", ".join(words[j] for j in near))
for name, ref in {"cbow": reference, "skip-gram": skipgram}.items():
    x = [overlap(vectors[s], ref) for s in SEEDS]  # per seed, mean, spread
    print(f"vs gensim {name}: {x[0]:.3f}, {x[1]:.3f}, {x[2]:.3f}; "
          f"mean {np.mean(x):.3f}, spread {np.ptp(x):.3f}")
