# %% Settings
import numpy as np
import keras
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
embedding = lambda n: keras.layers.Embedding(  # N(0, 1), as nn.Embedding
    n, D_MODEL, embeddings_initializer=keras.initializers.RandomNormal(0, 1))
attention = lambda: keras.layers.MultiHeadAttention(
    HEADS, D_MODEL // HEADS, dropout=DROPOUT)
ffn = lambda: keras.Sequential([keras.layers.Dense(D_FF, "relu"),
                                keras.layers.Dense(D_MODEL)])
norm = lambda: keras.layers.LayerNormalization(epsilon=EPS)
# %% The model: embeddings, an encoder-decoder, a read-out
class Translator(keras.Model):  # post-norm; LAYERS = 1, written out
    def __init__(self):
        super().__init__()
        self.src_embed, self.tgt_embed = embedding(SYMBOLS), embedding(
            SYMBOLS + 1)  # the target's has the start token
        self.enc_att, self.self_att = attention(), attention()
        self.cross_att, self.enc_ffn, self.dec_ffn = attention(), ffn(), ffn()
        self.norm = [norm() for _ in range(7)]  # 2 encoder, 3 decoder, 2 final
        self.out = keras.layers.Dense(SYMBOLS)
    def encode(self, src):  # one encoder layer, then a final norm
        x = self.src_embed(src) + PE
        x = self.norm[0](x + self.enc_att(x, x))
        return self.norm[2](self.norm[1](x + self.enc_ffn(x)))
    def decode(self, dec_in, memory, masking):  # keyword arguments
        y = self.tgt_embed(dec_in) + PE[:dec_in.shape[1]]
        y = self.norm[3](y + self.self_att(y, y, **masking))
        y = self.norm[4](y + self.cross_att(y, memory))
        y = self.norm[6](self.norm[5](y + self.dec_ffn(y)))
        return self.out(y)
# %% The causal mask: two ways to write it, and none
keras.utils.set_random_seed(SEED)
model = Translator()  # untrained: the mask does not depend on training
MASKS = {  # keyword arguments of the decoder's self-attention
    "use_causal_mask=True": dict(use_causal_mask=True),
    "bool, True = may attend": dict(
        attention_mask=np.tril(np.ones((LENGTH, LENGTH), bool))),
    "none": {}}
print("causal mask, 4 positions, as attention_mask (True = may attend):")
print(np.tril(np.ones((4, 4), bool)))
# %% The check: change the decoder input at position 5
x, d = src[N_TRAIN:], dec_in[N_TRAIN:]  # the test set
changed = d.copy()
changed[:, 5] = (changed[:, 5] + 1) % SYMBOLS  # another target symbol
memory, outputs = model.encode(x), {}
for name, mask in MASKS.items():  # logits before and after the change
    outputs[name] = model.decode(d, memory, mask).numpy()
    diff = abs(outputs[name] - model.decode(changed, memory, mask).numpy())
    print(f"{name}: positions 0-4 change by {diff[:, :5].max():.1e}, "
          f"position 5 by {diff[:, 5].max():.1e}")
first, second, _ = outputs.values()
print(f"use_causal_mask and bool mask, max |difference|: "
      f"{abs(first - second).max():.1e}")
