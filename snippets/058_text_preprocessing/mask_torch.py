# %% Settings
import re
from collections import Counter

import torch
from gensim.test.utils import datapath
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

MAX_TOKENS = 2000  # vocabulary cap, padding and OOV tokens included
MAX_LEN = 20  # every sequence is padded or truncated to this length
PAD, OOV = 0, 1  # index 0 is padding, index 1 the out-of-vocabulary token
N_SENTENCES = 4  # the first sentences of lee.cor shorter than MAX_LEN
EMBED_DIM, UNITS = 8, 16
SEED = 0
for name in ["MAX_TOKENS", "MAX_LEN", "N_SENTENCES", "EMBED_DIM", "UNITS",
             "SEED"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% The tokenizer and vocabulary of the first snippet
def tokenize(text):
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower())

def read(name):  # one text per line; lee.cor is not UTF-8 (a pound sign)
    with open(datapath(name), encoding="latin-1") as f:
        return [line for line in f.read().splitlines() if line.strip()]

def build_vocab(texts, max_tokens):
    counts = Counter(w for t in texts for w in tokenize(t))
    words = [w for w, _ in counts.most_common(max_tokens - 2)]
    return {w: i for i, w in enumerate(["<pad>", "<unk>"] + words)}

def encode(text, vocab):
    return [vocab.get(w, OOV) for w in tokenize(text)]

def pad(seqs, max_len):  # keep the first max_len ids, pad at the end
    return [s[:max_len] + [PAD] * (max_len - len(s[:max_len])) for s in seqs]

# %% A padded batch of real sentences
vocab = build_vocab(read("lee_background.cor"), MAX_TOKENS)
sentences = [s for t in read("lee.cor") for s in re.split(r"(?<=\.)\s+", t)]
seqs = [q for q in (encode(s, vocab) for s in sentences) if len(q) < MAX_LEN]
seqs = seqs[:N_SENTENCES]
x = torch.tensor(pad(seqs, MAX_LEN))
lengths = torch.tensor([len(s) for s in seqs])
print("lengths:", lengths.tolist(), "padded shape:", tuple(x.shape))

# %% The mask: True where the id is not padding
torch.manual_seed(SEED)
embed = nn.Embedding(MAX_TOKENS, EMBED_DIM, padding_idx=PAD)
lstm = nn.LSTM(EMBED_DIM, UNITS, batch_first=True)
mask = x != PAD
print("mask of the first row:", "".join(str(int(m)) for m in mask[0]))
print("padding_idx row is zero:", bool((embed.weight[PAD] == 0).all()))
print("lengths from the mask:", mask.sum(1).tolist())

# %% The last output: alone, padded without a mask, padded with a mask
with torch.no_grad():
    alone = torch.stack([lstm(embed(torch.tensor([s])))[0][0, -1]
                         for s in seqs])
    no_mask = lstm(embed(x))[0][:, -1]
    packed = pack_padded_sequence(embed(x), lengths, batch_first=True,
                                  enforce_sorted=False)
    out, (h, c) = lstm(packed)
    masked = h[-1]  # the state after each sequence's own last token
for i, s in enumerate(seqs):
    print(f"length {len(s):2d}: max |difference| without mask "
          f"{(no_mask[i] - alone[i]).abs().max():.2e}, with mask "
          f"{(masked[i] - alone[i]).abs().max():.2e}")
with torch.no_grad():  # no biases: the state still moves over zero inputs
    ref = nn.LSTM(EMBED_DIM, UNITS, batch_first=True)
    ref.load_state_dict(lstm.state_dict())
    for bias in (ref.bias_ih_l0, ref.bias_hh_l0):
        bias.zero_()
    ref_alone = [ref(embed(torch.tensor([s])))[0][0, -1] for s in seqs]
    gaps = (ref(embed(x))[0][:, -1] - torch.stack(ref_alone)).abs().amax(1)
print("biases zeroed, without mask:", " ".join(f"{g:.2e}" for g in gaps))

# %% What the padded steps output in a whole-sequence result
steps, _ = pad_packed_sequence(out, batch_first=True, total_length=MAX_LEN)
n = len(seqs[0])
print("first row, padded steps are zeros:", bool((steps[0, n:] == 0).all()))
print(f"steps[:, -1] vs the last output, max |difference|: "
      f"{(steps[:, -1] - alone).abs().max():.2e}")
