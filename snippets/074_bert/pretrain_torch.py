# %% Settings
import re
import numpy as np
import torch
from gensim.test.utils import datapath
from torch import nn
torch.set_num_threads(1)  # a model this small: one thread is faster (measured)
DATA_SEED, N_VALID, MIN_COUNT, MAX_WORDS = 0, 30, 5, 12  # as in objectives
MASK_RATE, RULE = 0.15, (0.8, 0.1, 0.1)
D_MODEL, HEADS, LAYERS, D_FF, EPS, DROPOUT = 32, 2, 2, 64, 1e-5, 0.0
LEARNING_RATE, BATCH_SIZE, EPOCHS, SEEDS = 0.01, 70, 3, (0, 1, 2)  # Adam
for name in [k for k in list(globals()) if k.isupper()]:  # the settings
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
PAD, UNK, CLS, SEP, MASK = range(5)  # [PAD] [UNK] [CLS] [SEP] [MASK]
# %% The data: paragraphs, sentences, the vocabulary
with open(datapath("lee_background.cor"), encoding="utf-8") as f:
    lines, seen = [p.strip().lower() for p in f if p.strip()], set()
docs = [[re.findall(r"[a-z0-9']+", s) for s in re.split(r"(?<=[.!?])\s+", p)]
        for p in lines if not (p[:60] in seen or seen.add(p[:60]))]
order = np.random.default_rng(DATA_SEED).permutation(len(docs))
train_docs = [docs[i] for i in order[N_VALID:]]
valid_docs = [docs[i] for i in order[:N_VALID]]
vocab, n = np.unique([w for d in train_docs for s in d for w in s],
                     return_counts=True)  # sorted, with their counts
words = [""] * 5 + [str(w) for w in vocab[n >= MIN_COUNT]]
index, V, SEQ_LEN = {w: i for i, w in enumerate(words)}, len(words), 27
# %% Pairs and masking, as in the objectives snippet (in NumPy here)
encode = lambda s: [index.get(w, UNK) for w in s[:MAX_WORDS]]
def make_pairs(docs, rng, both=False):  # both: true B and a random B
    rows = []
    for i, d in enumerate(docs):
        for a, b in zip(d, d[1:]):
            for is_next in (1, 0) if both else (int(rng.random() < 0.5),):
                j = (i + rng.integers(1, len(docs))) % len(docs)  # not i
                b_ = b if is_next else docs[j][rng.integers(len(docs[j]))]
                x = [CLS] + encode(a) + [SEP] + encode(b_) + [SEP]
                rows.append((x + [PAD] * (SEQ_LEN - len(x)), is_next))
    ids, labels = map(np.array, zip(*rows))
    segments = (np.cumsum(ids == SEP, 1) > (ids == SEP)) & (ids != PAD)
    return torch.tensor(ids), torch.tensor(segments * 1), torch.tensor(labels)
def mask_tokens(ids, rng):  # the 80/10/10 rule on 15% of the words
    u, v = rng.random((2, *ids.shape))  # ids: a tensor or an array
    selected = (ids > MASK) & (u < MASK_RATE)  # no [UNK] [PAD] [CLS] [SEP]
    inputs = np.where(selected & (v >= RULE[0]) & (v < 1 - RULE[2]),
                      rng.integers(MASK + 1, V, ids.shape), ids)
    return torch.tensor(np.where(selected & (v < RULE[0]), MASK, inputs)), \
        torch.tensor(selected)
# %% A mini-BERT: three embeddings, pre-norm blocks, two heads
class MiniBert(nn.Module):
    def __init__(self):
        super().__init__()
        self.token = nn.Embedding(V, D_MODEL)
        self.position = nn.Embedding(SEQ_LEN, D_MODEL)  # learned, as in BERT
        self.segment = nn.Embedding(2, D_MODEL)  # A or B
        block = nn.TransformerEncoderLayer(  # pre-norm, GELU
            D_MODEL, HEADS, D_FF, DROPOUT, "gelu", EPS, True, norm_first=True)
        self.encoder = nn.TransformerEncoder(block, LAYERS,
                                             enable_nested_tensor=False)
        self.mlm = nn.Linear(D_MODEL, V)  # a score for every word
        self.nsp = nn.Linear(D_MODEL, 2)  # next or not, read from [CLS]
    def forward(self, ids, segments, selected):  # scores at selected only
        h = self.token(ids) + self.position.weight + self.segment(segments)
        h = self.encoder(h, src_key_padding_mask=ids == PAD)
        return self.mlm(h[selected]), self.nsp(h[:, 0])
# %% Held-out pairs masked once (all selected -> [MASK]); one training step
v_ids, v_segments, v_labels = make_pairs(
    valid_docs, np.random.default_rng(DATA_SEED), both=True)
_, v_selected = mask_tokens(v_ids.numpy(), np.random.default_rng(DATA_SEED))
v_inputs, targets = v_ids.masked_fill(v_selected, MASK), v_ids[v_selected]
ce = nn.CrossEntropyLoss()
def train_step(model, adam, inputs, segments, selected, ids, labels):
    mlm, nsp = model(inputs, segments, selected)
    mlm_loss, nsp_loss = ce(mlm, ids[selected]), ce(nsp, labels)
    adam.zero_grad()
    (mlm_loss + nsp_loss).backward()
    adam.step()
    return mlm_loss.item()
# %% Pretraining: new pairs and masks every epoch, both losses
def pretrain(seed):
    torch.manual_seed(seed)
    model, losses = MiniBert(), []  # this seed's initial weights
    adam = torch.optim.Adam(model.parameters(), LEARNING_RATE)
    rng = np.random.default_rng(seed)
    for epoch in range(EPOCHS):
        ids, segments, labels = make_pairs(train_docs, rng)
        inputs, selected = mask_tokens(ids.numpy(), rng)
        for b in np.split(rng.permutation(len(ids)), len(ids) // BATCH_SIZE):
            losses.append(train_step(model, adam, *(t[b] for t in (
                inputs, segments, selected, ids, labels))))
    with torch.no_grad():
        return (*model(v_inputs, v_segments, v_selected), losses)  # held out
# %% Three seeds: loss (first, last 10 steps); held-out words and pairs
for seed in SEEDS:
    mlm, nsp, losses = pretrain(seed)  # held-out scores, training losses
    hits = (mlm.argmax(1) == targets).float()
    nsp_hits = (nsp.argmax(1) == v_labels).float()
    print(f"seed {seed}: MLM loss {np.mean(losses[:10]):.3f} -> "
          f"{np.mean(losses[-10:]):.3f}, masked {hits.mean():.3f}, "
          f"cross-ent {ce(mlm, targets):.3f}, NSP {nsp_hits.mean():.3f}")
