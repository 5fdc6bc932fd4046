# %% Settings
import numpy as np
import torch
from gensim.test.utils import datapath
from scipy.special import softmax
from torch import nn
torch.set_num_threads(1)  # a small model: one thread is faster here
ALPHABET = " abcdefghijklmnopqrstuvwxyz.,'"  # day 60's; others become a space
DATA_SEED, N_VALID = 0, 30  # which paragraphs are held out, and how many
SEED = 0  # the first seed of the previous snippet: the same model
CONTEXT, D_MODEL, HEADS, LAYERS, EPS = 32, 32, 2, 2, 1e-5
BATCH_SIZE, STEPS, LEARNING_RATE = 32, 150, 0.01
PROMPT = "the government said on tuesday that the "  # >= CONTEXT characters
LENGTH, TOP_K, SAMPLE_SEED = 100, 5, 0
for name in [k for k in list(globals()) if k.isupper()]:  # the settings
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]!r}")
# %% Text: as in the previous snippet
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
# %% Training one seed, as before: the same batches
torch.manual_seed(SEED)
model, rng = GPT(), np.random.default_rng(SEED)
adam = torch.optim.Adam(model.parameters(), LEARNING_RATE)
def train_steps(batches):  # all STEPS steps in one call
    for batch in torch.tensor(batches):
        adam.zero_grad()  # cross-entropy wants (batch, classes, time)
        nn.functional.cross_entropy(model(batch[:, :-1]).transpose(1, 2),
                                    batch[:, 1:]).backward()
        adam.step()
first = rng.integers(0, len(train_ids) - CONTEXT, STEPS * BATCH_SIZE)
batches = train_ids[first[:, None] + np.arange(CONTEXT + 1)]
train_steps(batches.reshape(STEPS, BATCH_SIZE, CONTEXT + 1))
logits = lambda x: model(torch.tensor(x)).detach().double().numpy()
# %% The causal mask, checked: a later character changes nothing before
valid_logits, x = logits(valid_windows[:, :-1]), valid_windows[:, :-1].copy()
rows, at = np.arange(n), np.arange(n) % CONTEXT  # window i: change at i % 32
x[rows, at] = (x[rows, at] + 1) % V  # every position is changed somewhere
diff = abs(logits(x) - valid_logits).max(-1)  # per window and position
before = np.arange(CONTEXT) < at[:, None]  # positions before the change
print(f"|change| of logits before the changed input: max "
      f"{diff[before].max():.1e}, at it: min {diff[rows, at].min():.1e}")
# %% Top-k: keep the k likeliest characters, renormalise
def probabilities(logits, k=V):  # softmax over the k largest logits only
    kth = np.sort(logits, axis=-1)[..., -k, None]  # the k-th largest
    return softmax(np.where(logits >= kth, logits, -np.inf), -1)
p, pk = (probabilities(logits(ids(PROMPT[-CONTEXT:])[None])[0, -1], k)
         for k in (V, TOP_K))
top, rng = np.argsort(-p)[:TOP_K], np.random.default_rng(SAMPLE_SEED)
draws = rng.choice(V, 10000, p=pk)  # from the top-k distribution
print(f"after the prompt: character, p, top-{TOP_K} p, share of the draws")
for i in top:
    print(f"  {ALPHABET[i]!r} {p[i]:.3f} {pk[i]:.3f} {(draws == i).mean():.3f}")
print(f"draws outside the top {TOP_K}:", (~np.isin(draws, top)).sum())
# %% A sample with top-k, seeded
text = PROMPT
for _ in range(LENGTH):  # the last CONTEXT characters: a fixed shape
    p = probabilities(logits(ids(text[-CONTEXT:])[None])[0, -1], TOP_K)
    text += ALPHABET[rng.choice(V, p=p)]
print(f"top-{TOP_K} sample: ...{text[len(PROMPT):][:60]}")
