# %% Settings
import re
import textwrap
from collections import Counter

import numpy as np
import tensorflow as tf
from gensim.test.utils import datapath
DATA_SEED, N_VALID = 0, 30  # held-out paragraphs, of 290 distinct ones
MIN_COUNT, MAX_WORDS = 5, 12  # vocabulary; words kept per sentence
MASK_RATE, RULE = 0.15, (0.8, 0.1, 0.1)  # selected; [MASK]/random/same
REPEATS = 20  # masking passes over the training pairs, to count shares
for name in [k for k in list(globals()) if k.isupper()]:  # the settings
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
PAD, UNK, CLS, SEP, MASK = range(len(SPECIAL))
# %% Paragraphs -> sentences -> words; a word-level vocabulary
with open(datapath("lee_background.cor"), encoding="utf-8") as f:
    lines, seen = [p.strip().lower() for p in f if p.strip()], set()
docs = [[re.findall(r"[a-z0-9']+", s) for s in re.split(r"(?<=[.!?])\s+", p)]
        for p in lines if not (p[:60] in seen or seen.add(p[:60]))]
order = np.random.default_rng(DATA_SEED).permutation(len(docs))
train_docs = [docs[i] for i in order[N_VALID:]]
valid_docs = [docs[i] for i in order[:N_VALID]]
counts = Counter(w for d in train_docs for s in d for w in s)
words = SPECIAL + sorted(w for w, n in counts.items() if n >= MIN_COUNT)
index, V = {w: i for i, w in enumerate(words)}, len(words)
known = sum(n for w, n in counts.items() if n >= MIN_COUNT)
print(f"paragraphs: {len(docs)}, vocabulary: {V}, "
      f"training words in it: {known / sum(counts.values()):.3f}")
# %% Next-sentence pairs: [CLS] A [SEP] B [SEP]; B is next half the time
SEQ_LEN = 2 * MAX_WORDS + 3
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
    ids, labels = (np.array(a, np.int32) for a in zip(*rows))
    segments = (np.cumsum(ids == SEP, 1) > (ids == SEP)) & (ids != PAD)
    return tf.constant(ids), tf.constant(segments * 1), labels
# %% Training pairs (one per sentence with a successor) and held-out pairs
ids, segments, labels = make_pairs(train_docs, np.random.default_rng(DATA_SEED))
v_ids, v_segments, v_labels = make_pairs(  # each A twice: true B, random B
    valid_docs, np.random.default_rng(DATA_SEED), both=True)
for name, y in (("training", labels), ("held-out", v_labels)):
    print(f"{name} pairs: {len(y)}, true next: {np.mean(y):.3f}")
def show(label, row):  # the tokens of one row, wrapped to the page
    text = " ".join(words[t] for t in row.numpy().tolist() if t != PAD)
    print(textwrap.fill(f"{label} {text}", 80, subsequent_indent="  "))
show("pair 0:", ids[0]), print("is next:", labels[0])
print("segments:", "".join(map(str, segments[0][ids[0] != PAD].numpy())))
# %% Masking: select 15% of word tokens; 80% [MASK], 10% random, 10% same
def mask_tokens(ids, generator):
    u = generator.uniform(ids.shape)  # words only: no [UNK]
    selected = (ids > MASK) & (u < MASK_RATE)  # or [PAD] [CLS] [SEP]
    u = generator.uniform(ids.shape)
    to_mask = selected & (u < RULE[0])
    to_random = selected & (u >= RULE[0]) & (u < RULE[0] + RULE[1])
    random_ids = generator.uniform(ids.shape, MASK + 1, V, tf.int32)
    inputs = tf.where(to_random, random_ids, tf.where(to_mask, MASK, ids))
    return inputs, selected, to_mask, to_random
# %% The realised shares over many tokens
generator = tf.random.Generator.from_seed(DATA_SEED)
many = tf.tile(ids, (REPEATS, 1))
inputs, selected, to_mask, to_random = mask_tokens(many, generator)
count = lambda mask: int(tf.math.count_nonzero(mask))  # True entries
n_words, n_selected = count(many > MASK), count(selected)
print(f"word tokens: {n_words}, selected: {n_selected}")
print(f"share selected: {n_selected / n_words:.4f}")
for name, part in (("[MASK]", to_mask), ("random", to_random),
                   ("unchanged", selected & ~to_mask & ~to_random)):
    print(f"of selected, {name}: {count(part) / n_selected:.4f}")
print(f"special tokens selected: {count(selected & (many <= MASK))}, random "
      f"replacements that are special: {count(to_random & (inputs <= MASK))}")
# %% One masked example: the loss is computed only where selected
inputs, selected, _, _ = mask_tokens(ids[:1], generator)
show("input:", inputs[0])
print("targets:", [words[t] for t in ids[0][selected[0]].numpy()])
