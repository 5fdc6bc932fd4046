# %% Settings
import numpy as np
import torch
from gensim.test.utils import datapath
from torch import nn
torch.set_num_threads(1)  # a small model: one thread is faster here
ALPHABET = " abcdefghijklmnopqrstuvwxyz.,'"  # day 60's; others become a space
DATA_SEED, N_VALID = 0, 30  # which paragraphs are held out, and how many
SEEDS = (0, 1, 2)  # initial weights and batches, one run per seed
CONTEXT, D_MODEL, HEADS, LAYERS, EPS = 32, 32, 2, 2, 1e-5
BATCH_SIZE, STEPS, EVERY, LEARNING_RATE = 32, 150, 75, 0.01
for name in [k for k in list(globals()) if k.isupper()]:  # the settings
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]!r}")
# %% Text: day 60's preparation and split, windows of CONTEXT + 1
clean = lambda p: " ".join("".join(  # others become spaces; runs one
    c if c in ALPHABET else " " for c in p.lower()).split())
with open(datapath("lee_background.cor"), encoding="utf-8") as f:
    lines, seen = [clean(p) for p in f if p.strip()], set()  # repeats:
paragraphs = [p for p in lines if not (p[:60] in seen or seen.add(p[:60]))]
order = np.random.default_rng(DATA_SEED).permutation(len(paragraphs))
valid = " ".join(paragraphs[i] for i in order[:N_VALID])
train = " ".join(paragraphs[i] for i in order[N_VALID:])
index, V = {c: i for i, c in enumerate(ALPHABET)}, len(ALPHABET)
ids = lambda text: np.array([index[c] for c in text])
n = len(valid) // (CONTEXT + 1)  # held-out windows, each read afresh
train_ids, valid_windows = ids(train), ids(valid[: n * (CONTEXT + 1)]
                                           ).reshape(n, CONTEXT + 1)
print(f"train characters: {len(train)}, validation windows: {n}")
# %% Baselines: bigram (day 60) and trigram, add-one smoothing
w, bigram, trigram = valid_windows, np.ones((V, V)), np.ones((V, V, V))
np.add.at(bigram, (train_ids[:-1], train_ids[1:]), 1)  # one added to each
np.add.at(trigram, (train_ids[:-2], train_ids[1:-1], train_ids[2:]), 1)
bigram, trigram = (c / c.sum(-1, keepdims=True) for c in (bigram, trigram))
p2 = bigram[w[:, :-1], w[:, 1:]]  # p(next | previous), predicted characters
p3 = np.hstack([p2[:, :1], trigram[w[:, :-2], w[:, 1:-1], w[:, 2:]]])
print("perplexity, same predicted characters: bigram, trigram", *(
    f"{np.exp(-np.log(p).mean()):.3f}" for p in (p2, p3)))  # start: bigram
# %% A block: pre-norm, causal self-attention, then a feed-forward net
norm = lambda: nn.LayerNorm(D_MODEL, eps=EPS)
class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.norm1, self.norm2 = norm(), norm()
        self.attention = nn.MultiheadAttention(D_MODEL, HEADS, batch_first=True)
        self.ffn = nn.Sequential(nn.Linear(D_MODEL, 4 * D_MODEL), nn.GELU(),
                                 nn.Linear(4 * D_MODEL, D_MODEL))
    def forward(self, x):  # the mask: -inf above the diagonal
        mask = nn.Transformer.generate_square_subsequent_mask(x.shape[1])
        h = self.norm1(x)
        x = x + self.attention(h, h, h, attn_mask=mask, need_weights=False)[0]
        return x + self.ffn(self.norm2(x))
# %% A tiny GPT: embeddings, blocks, a read-out
class GPT(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(V, D_MODEL)  # characters
        self.position = nn.Embedding(CONTEXT, D_MODEL)  # learned, as GPT's
        self.blocks = nn.Sequential(*(Block() for _ in range(LAYERS)))
        self.norm, self.out = norm(), nn.Linear(D_MODEL, V)
    def forward(self, x):  # logits for the next character at every position
        h = self.embed(x) + self.position(torch.arange(x.shape[1]))
        return self.out(self.norm(self.blocks(h)))
print("parameters:", sum(p.numel() for p in GPT().parameters()))
# %% Training: Adam, EVERY steps per call
windows, curves = torch.tensor(valid_windows), []
@torch.no_grad()
def perplexity(model):  # exp of the mean cross-entropy over all windows
    logits = model(windows[:, :-1])
    return nn.functional.cross_entropy(logits.transpose(1, 2),
                                       windows[:, 1:]).exp().item()
def train_steps(batches):  # EVERY steps, one batch each
    for batch in torch.tensor(batches):
        adam.zero_grad()  # cross-entropy wants (batch, classes, time)
        nn.functional.cross_entropy(model(batch[:, :-1]).transpose(1, 2),
                                    batch[:, 1:]).backward()
        adam.step()
# %% Three seeds, validation perplexity at the checkpoints
for seed in SEEDS:
    torch.manual_seed(seed)
    model, rng = GPT(), np.random.default_rng(seed)
    adam = torch.optim.Adam(model.parameters(), LEARNING_RATE)
    curve = [perplexity(model)]
    for step in range(EVERY, STEPS + 1, EVERY):  # the next EVERY batches
        first = rng.integers(0, len(train_ids) - CONTEXT, EVERY * BATCH_SIZE)
        batches = train_ids[first[:, None] + np.arange(CONTEXT + 1)]
        train_steps(batches.reshape(EVERY, BATCH_SIZE, CONTEXT + 1))
        curve.append(perplexity(model))
    curves.append(curve)
print("step: validation perplexity of seeds", *SEEDS)
for i, step in enumerate(range(0, STEPS + 1, EVERY)):
    print(f"{step:>4}:", " ".join(f"{c[i]:7.3f}" for c in curves))
final = [c[-1] for c in curves]
print(f"after {STEPS} steps: mean {np.mean(final):.3f}, "
      f"min {min(final):.3f}, max {max(final):.3f}")
