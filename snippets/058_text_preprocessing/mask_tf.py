# %% Settings
import re
from collections import Counter

import keras
import numpy as np
from gensim.test.utils import datapath

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
x = np.array(pad(seqs, MAX_LEN))
print("lengths:", [len(s) for s in seqs], "padded shape:", x.shape)

# %% The mask: True where the id is not padding
keras.utils.set_random_seed(SEED)
embed = keras.layers.Embedding(MAX_TOKENS, EMBED_DIM, mask_zero=True)
lstm = keras.layers.LSTM(UNITS)
embed.build((None, MAX_LEN))
mask = embed.compute_mask(x)
print("mask of the first row:", "".join(str(int(m)) for m in mask[0]))
plain = keras.layers.Embedding(MAX_TOKENS, EMBED_DIM)  # no mask
plain.build((None, MAX_LEN))
plain.set_weights(embed.get_weights())  # the same vectors

# %% The last output: alone, padded without a mask, padded with a mask
alone = np.stack([lstm(plain(np.array([s])))[0] for s in seqs])
no_mask = np.asarray(lstm(plain(x)))
masked = np.asarray(lstm(embed(x)))
for i, s in enumerate(seqs):
    print(f"length {len(s):2d}: max |difference| without mask "
          f"{np.abs(no_mask[i] - alone[i]).max():.2e}, with mask "
          f"{np.abs(masked[i] - alone[i]).max():.2e}")
model = keras.Sequential([keras.Input((MAX_LEN,), dtype="int32"),
                          embed, lstm])
predicted = model.predict(x, verbose=0)
print(f"predict (a compiled graph), max |difference| with mask: "
      f"{np.abs(predicted - alone).max():.2e}")

# %% What the padded steps output in a whole-sequence result
seq_lstm = keras.layers.LSTM(UNITS, return_sequences=True)
steps = np.asarray(seq_lstm(embed(x)))
n = len(seqs[0])
print("first row, padded steps repeat the last real output:",
      bool(np.allclose(steps[0, n:], steps[0, n - 1])))
