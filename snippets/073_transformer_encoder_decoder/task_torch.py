# %% Settings
import numpy as np
import torch
from torch import nn
torch.set_num_threads(1)  # a small model: one thread is faster here
DATA_SEED = 0  # the dictionary and the sentences
SEED = 0  # the untrained model's weights
LENGTH, SYMBOLS = 8, 10  # 8 symbols per sentence, 10 per vocabulary
N_TRAIN, N_TEST = 4096, 1000  # 64 batches of 64
D_MODEL, HEADS, D_FF, LAYERS, EPS, DROPOUT = 32, 2, 64, 1, 1e-5, 0.0
for name in [k for k in list(globals()) if k.isupper()]:  # the settings
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]!r}")
# %% Data: look each symbol up in a dictionary, then reverse the order
BOS, rng = SYMBOLS, np.random.default_rng(DATA_SEED)  # BOS: start, 10
DICTIONARY = rng.permutation(SYMBOLS)  # source symbol s -> DICTIONARY[s]
src = rng.integers(0, SYMBOLS, (N_TRAIN + N_TEST, LENGTH))
tgt = DICTIONARY[src][:, ::-1]  # translated, then reversed
dec_in = np.concatenate([np.full((len(src), 1), BOS), tgt[:, :-1]], 1)
print("dictionary:", *DICTIONARY)
print("source:", *src[0], "-> target:", *tgt[0])
print("decoder input (teacher forcing):", *dec_in[0], f"({BOS} = start)")
seen = {tuple(s) for s in src[:N_TRAIN]}
print("test sentences also in training:",
      sum(tuple(s) in seen for s in src[N_TRAIN:]))
def scores(pred, tgt):  # exact match (whole sentence), per token
    return (pred == tgt).all(1).mean(), (pred == tgt).mean()
for name, guess in (("copy the source", src), ("dictionary, no reordering",
                                                DICTIONARY[src])):
    print("baseline, {}: exact {:.3f}, per token {:.3f}".format(
        name, *scores(guess[N_TRAIN:], tgt[N_TRAIN:])))
# %% A strong simple baseline: a lookup table, learned by counting
def lookup_table(src, tgt):  # for each output position, the source position
    rules = []  # and the symbol table that fit the training pairs best
    for t in range(LENGTH):
        counts = np.zeros((LENGTH, SYMBOLS, SYMBOLS))
        for j in range(LENGTH):  # how often source j is a and target t is b
            np.add.at(counts[j], (src[:, j], tgt[:, t]), 1)
        j = counts.max(2).sum(1).argmax()  # the most training pairs right
        rules.append((j, counts[j].argmax(1)))
    return rules
rules = lookup_table(src[:N_TRAIN], tgt[:N_TRAIN])
print("source position read at each output position:", *[j for j, _ in rules])
guess = np.stack([table[src[:, j]] for j, table in rules], 1)
print("baseline, lookup table by counting: exact {:.3f}, per token {:.3f}"
      .format(*scores(guess[N_TRAIN:], tgt[N_TRAIN:])))
# %% Positions (day 71) and the building blocks
angle = np.arange(LENGTH)[:, None] / 10000 ** (  # day 71's sinusoids
    np.arange(0, D_MODEL, 2) / D_MODEL)
PE = np.stack([np.sin(angle), np.cos(angle)], -1).reshape(LENGTH, -1)
# %% The model: embeddings, an encoder-decoder, a read-out
class Translator(nn.Module):
    def __init__(self):
        super().__init__()
        self.src_embed = nn.Embedding(SYMBOLS, D_MODEL)
        self.tgt_embed = nn.Embedding(SYMBOLS + 1, D_MODEL)  # + start
        self.register_buffer("pe", torch.tensor(PE, dtype=torch.float32))
        self.transformer = nn.Transformer(  # post-norm
            D_MODEL, HEADS, LAYERS, LAYERS, D_FF, dropout=DROPOUT,
            layer_norm_eps=EPS, batch_first=True)
        self.out = nn.Linear(D_MODEL, SYMBOLS)
    def encode(self, src):
        return self.transformer.encoder(self.src_embed(src) + self.pe)
    def decode(self, dec_in, memory, mask):  # logits at every position
        y = self.tgt_embed(dec_in) + self.pe[:dec_in.shape[1]]
        return self.out(self.transformer.decoder(y, memory, tgt_mask=mask))
# %% The causal mask: two ways to write it, and none
torch.manual_seed(SEED)
model = Translator()  # untrained: the mask does not depend on training
MASKS = {  # the built-in causal mask, the same as booleans, and none
    "float, -inf = blocked": nn.Transformer.generate_square_subsequent_mask(
        LENGTH),
    "bool, True = blocked": torch.ones(LENGTH, LENGTH).triu(1).bool(),
    "none": None}
print("causal mask, 4 positions, float (added to the scores):")
print(nn.Transformer.generate_square_subsequent_mask(4))
print("the same as bool (True = blocked):")
print(torch.ones(4, 4).triu(1).bool())
sdpa = nn.functional.scaled_dot_product_attention  # but this function
q, k, v = torch.randn(3, 1, LENGTH, D_MODEL)  # reads a bool mask the other
may_attend = torch.ones(LENGTH, LENGTH).tril().bool()  # way: True = may
gap = lambda m: sdpa(q, k, v, attn_mask=m) - sdpa(q, k, v, is_causal=True)
print("F.scaled_dot_product_attention with a bool mask, against is_causal:")
print(f"  tril, True = may attend: {gap(may_attend).abs().max():.1e}; "
      f"triu, True = blocked: {gap(~may_attend).abs().max():.1e}")
# %% The check: change the decoder input at position 5
x, d = map(torch.tensor, (src[N_TRAIN:], dec_in[N_TRAIN:]))  # test set
changed = d.clone()
changed[:, 5] = (changed[:, 5] + 1) % SYMBOLS  # another target symbol
with torch.no_grad():
    memory, outputs = model.encode(x), {}
    for name, mask in MASKS.items():  # logits before and after the change
        outputs[name] = model.decode(d, memory, mask)
        diff = (outputs[name] - model.decode(changed, memory, mask)).abs()
        print(f"{name}: positions 0-4 change by {diff[:, :5].max():.1e}, "
              f"position 5 by {diff[:, 5].max():.1e}")
first, second, _ = outputs.values()
print(f"float and bool masks, max |difference|: "
      f"{(first - second).abs().max():.1e}")
