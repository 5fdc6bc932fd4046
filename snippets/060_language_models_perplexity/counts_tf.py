# %% Settings
import numpy as np
import keras
import tensorflow as tf
from gensim.test.utils import datapath
ALPHABET = " abcdefghijklmnopqrstuvwxyz.,'"  # everything else becomes a space
DATA_SEED = 0  # which paragraphs are held out
N_VALID = 30  # held-out paragraphs, of 290 distinct ones
SEQ_LEN = 32
for name in [k for k in list(globals()) if k.isupper()]:  # the settings
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]!r}")
# %% Text: day 49's preparation, the same paragraphs held out
def clean(paragraph):  # other characters become spaces, runs of spaces one
    kept = "".join(c if c in ALPHABET else " " for c in paragraph.lower())
    return " ".join(kept.split())
with open(datapath("lee_background.cor"), encoding="utf-8") as f:
    lines, seen = [clean(p) for p in f if p.strip()], set()  # repeats:
paragraphs = [p for p in lines if not (p[:60] in seen or seen.add(p[:60]))]
order = np.random.default_rng(DATA_SEED).permutation(len(paragraphs))
valid = " ".join(paragraphs[i] for i in order[:N_VALID])
train = " ".join(paragraphs[i] for i in order[N_VALID:])
index, V = {c: i for i, c in enumerate(ALPHABET)}, len(ALPHABET)
train_ids = np.array([index[c] for c in train])
n = len(valid) // (SEQ_LEN + 1)  # held-out windows, each starting afresh
valid_windows = np.array([index[c] for c in valid[: n * (SEQ_LEN + 1)]]
                         ).reshape(n, SEQ_LEN + 1)
print(f"train characters: {len(train)}, validation windows: {n}")
# %% Counting: unigram and bigram probabilities from the training text
unigram = np.bincount(train_ids, minlength=V) / len(train_ids)
bigram = np.ones((V, V))  # add-one smoothing: no pair has probability 0
np.add.at(bigram, (train_ids[:-1], train_ids[1:]), 1)
bigram /= bigram.sum(axis=1, keepdims=True)  # row: the previous character
for c in " tq.":  # the likeliest next characters after a few characters
    top = np.argsort(bigram[index[c]])[::-1][:4]
    print(f"after {c!r}:", ", ".join(
        f"{ALPHABET[i]!r} {bigram[index[c], i]:.2f}" for i in top))
# %% Perplexity = exp(mean cross-entropy), with the framework's loss
x = valid_windows[:, :-1].reshape(-1)  # previous characters
y = valid_windows[:, 1:].reshape(-1)  # characters to predict
log_p = {"uniform": tf.zeros([len(y), V]),  # log-probabilities are logits
         "unigram": tf.tile(np.log(unigram)[None].astype("float32"),
                            [len(y), 1]),
         "bigram": tf.gather(np.log(bigram).astype("float32"), x)}
ce = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
for name, logits in log_p.items():
    loss = float(ce(y, logits))
    print(f"{name}: cross-entropy {loss:.4f} nats, {loss / np.log(2):.3f} "
          f"bits per character, perplexity {np.exp(loss):.3f}")
