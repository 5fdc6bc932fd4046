# %% Settings
import re
import keras
import numpy as np
import tensorflow as tf
from gensim.test.utils import datapath
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
    return ids, (np.cumsum(ids == SEP, 1) > (ids == SEP)) & (ids != PAD), labels
def mask_tokens(ids, rng):  # the 80/10/10 rule on 15% of the words
    u, v = rng.random((2, *ids.shape))
    selected = (ids > MASK) & (u < MASK_RATE)  # no [UNK] [PAD] [CLS] [SEP]
    inputs = np.where(selected & (v >= RULE[0]) & (v < 1 - RULE[2]),
                      rng.integers(MASK + 1, V, ids.shape), ids)
    return np.where(selected & (v < RULE[0]), MASK, inputs), selected
# %% A mini-BERT: three embeddings, pre-norm blocks, two heads
class MiniBert(keras.Model):
    def __init__(self):
        super().__init__()
        norm = lambda: keras.layers.LayerNormalization(epsilon=EPS)
        self.token, self.position, self.segment = (  # position: learned
            keras.layers.Embedding(n, D_MODEL) for n in (V, SEQ_LEN, 2))
        self.blocks = [[norm(), keras.layers.MultiHeadAttention(  # DROPOUT:
            HEADS, D_MODEL // HEADS), norm(), keras.layers.Dense(D_FF, "gelu"),
            keras.layers.Dense(D_MODEL)] for _ in range(LAYERS)]  # default 0
        self.mlm, self.nsp = keras.layers.Dense(V), keras.layers.Dense(2)
        self(*np.ones((2, 1, SEQ_LEN), int), np.ones((1, SEQ_LEN), bool))
    def call(self, ids, segments, selected):  # scores at selected only
        h = self.token(ids) + self.position(tf.range(SEQ_LEN))
        h, mask = h + self.segment(segments), (ids != PAD)[:, None, :]
        for norm1, attention, norm2, ffn1, ffn2 in self.blocks:
            z = norm1(h)  # mask: queries see words, not padding
            h = h + attention(z, z, attention_mask=mask)
            h = h + ffn2(ffn1(norm2(h)))  # the position-wise network
        return self.mlm(h[selected]), self.nsp(h[:, 0])
# %% Held-out pairs masked once (all selected -> [MASK]); one training step
v_ids, v_segments, v_labels = make_pairs(
    valid_docs, np.random.default_rng(DATA_SEED), both=True)
_, v_selected = mask_tokens(v_ids, np.random.default_rng(DATA_SEED))
v_inputs, targets = np.where(v_selected, MASK, v_ids), v_ids[v_selected]
ce = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
model, adam = MiniBert(), keras.optimizers.Adam(LEARNING_RATE)
adam.build(model.trainable_variables)  # its variables now, not in the trace
@tf.function  # traced once: each seed's initial weights are copied in
def train_step(inputs, segments, selected, ids, labels):
    with tf.GradientTape() as tape:
        mlm, nsp = model(inputs, segments, selected)
        mlm_loss, nsp_loss = ce(ids[selected], mlm), ce(labels, nsp)
    grads = tape.gradient([mlm_loss, nsp_loss], model.trainable_variables)
    adam.apply_gradients(zip(grads, model.trainable_variables))
    return mlm_loss
# %% Pretraining: new pairs and masks every epoch, both losses
def pretrain(seed):
    keras.utils.set_random_seed(seed)
    model.set_weights(MiniBert().get_weights())  # this seed's initial ones
    _ = [v.assign(0 * v) for v in adam.variables if "learning" not in v.path]
    rng, losses = np.random.default_rng(seed), []
    for epoch in range(EPOCHS):
        ids, segments, labels = make_pairs(train_docs, rng)
        inputs, selected = mask_tokens(ids, rng)
        for b in np.split(rng.permutation(len(ids)), len(ids) // BATCH_SIZE):
            losses.append(float(train_step(*(t[b] for t in (
                inputs, segments, selected, ids, labels)))))
    return (*model(v_inputs, v_segments, v_selected), losses)  # held out
# %% Three seeds: loss (first, last 10 steps); held-out words and pairs
for seed in SEEDS:
    mlm, nsp, losses = pretrain(seed)  # held-out scores, training losses
    hits, nsp_hits = np.argmax(mlm, 1) == targets, np.argmax(nsp, 1) == v_labels
    print(f"seed {seed}: MLM loss {np.mean(losses[:10]):.3f} -> "
          f"{np.mean(losses[-10:]):.3f}, masked {np.mean(hits):.3f}, "
          f"cross-ent {ce(targets, mlm):.3f}, NSP {np.mean(nsp_hits):.3f}")
