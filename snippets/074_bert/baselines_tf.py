# %% Settings
import re
import textwrap
import numpy as np
import tensorflow as tf
from gensim.test.utils import datapath
DATA_SEED, N_VALID, MIN_COUNT, MAX_WORDS = 0, 30, 5, 12  # as in objectives
MASK_RATE, RULE = 0.15, (0.8, 0.1, 0.1)
STOP = 20  # frequent words, left out of the topic baseline
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
    return ids, (np.cumsum(ids == SEP, 1) > (ids == SEP)) & (ids != PAD), labels
def mask_tokens(ids, rng):  # the 80/10/10 rule on 15% of the words
    u, v = rng.random((2, *ids.shape))
    selected = (ids > MASK) & (u < MASK_RATE)  # no [UNK] [PAD] [CLS] [SEP]
    inputs = np.where(selected & (v >= RULE[0]) & (v < 1 - RULE[2]),
                      rng.integers(MASK + 1, V, ids.shape), ids)
    return np.where(selected & (v < RULE[0]), MASK, inputs), selected
# %% Held-out pairs masked as for the mini-BERT; two unigram baselines
v_ids, v_segments, v_labels = make_pairs(
    valid_docs, np.random.default_rng(DATA_SEED), both=True)
_, v_selected = mask_tokens(v_ids, np.random.default_rng(DATA_SEED))
v_inputs, targets = np.where(v_selected, MASK, v_ids), v_ids[v_selected]
p = np.concatenate([np.zeros(5), n[n >= MIN_COUNT]])  # training counts
p, q = p / p.sum(), np.bincount(targets, minlength=V) / len(targets)
print(f"held-out pairs: {len(v_labels)}, masked words: {len(targets)}\n"
      f"baseline, always '{words[p.argmax()]}': {q[p.argmax()]:.3f}, "
      f"unigram sample: {(p * q).sum():.3f}\ncross-entropy, unigram: "
      f"{-(q @ np.log(p + (q == 0))):.3f}, uniform: {np.log(V - 5):.3f}")
# %% Is B on A's topic? A bag-of-words baseline for next-sentence prediction
ids, segments, labels = make_pairs(  # as in the objectives snippet
    train_docs, np.random.default_rng(DATA_SEED))
frequent = tf.argsort(tf.math.bincount(ids[ids > MASK], minlength=V))[-STOP:]
content = (np.arange(V) > MASK) & ~np.isin(np.arange(V), frequent)
left_out = " ".join(words[t] for t in frequent[::-1])  # most frequent first
print(textwrap.fill(f"left out: {left_out}", 80, subsequent_indent="  "))
def cosines(ids, segments):  # cosine of A's and B's content-word counts
    word = tf.gather(content, ids)  # no special tokens, [UNK], frequent
    bag = lambda seg: tf.math.l2_normalize(tf.math.bincount(ids, tf.cast(
        word & (segments == seg), tf.float32), V, V, axis=-1), axis=1)
    return tf.reduce_sum(bag(0) * bag(1), axis=1)
c, v_c = cosines(ids, segments), cosines(v_ids, v_segments)
candidates = np.unique(c)
fits = [np.mean((c > t) == (labels == 1)) for t in candidates]
threshold = candidates[int(np.argmax(fits))]  # best on training pairs
print(f"bag-of-words threshold (from training pairs): {threshold:.3f}\n"
      f"held-out pairs, bag-of-words accuracy: "
      f"{np.mean((v_c > threshold) == (v_labels == 1)):.3f}")
