# %% Settings
import numpy as np
import tensorflow as tf
from gensim.test.utils import datapath
ALPHABET = " abcdefghijklmnopqrstuvwxyz.,'"  # everything else becomes a space
DATA_SEED = 0  # which paragraphs are held out
N_VALID = 30  # held-out paragraphs, of 290 distinct ones
SEEDS = (0, 1, 2)  # initial weights and batches, one run per seed
SEQ_LEN = 32
BATCH_SIZE = 64
HIDDEN = 64
STEPS = 300
LEARNING_RATE = 1.0
CLIP = 1.0  # largest gradient norm a step may use
EVERY = 50  # steps between validation checkpoints
for name in [k for k in list(globals()) if k.isupper()]:  # the settings
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]!r}")
# %% Text: gensim's Lee corpus, lower-cased, a 30-character alphabet
def clean(paragraph):  # other characters become spaces, runs of spaces one
    kept = "".join(c if c in ALPHABET else " " for c in paragraph.lower())
    return " ".join(kept.split())
with open(datapath("lee_background.cor"), encoding="utf-8") as f:
    paragraphs, seen = [clean(p) for p in f if p.strip()], set()
paragraphs = [p for p in paragraphs  # some stories repeat: keep the first
              if not (p[:60] in seen or seen.add(p[:60]))]  # new openings only
order = np.random.default_rng(DATA_SEED).permutation(len(paragraphs))
valid = " ".join(paragraphs[i] for i in order[:N_VALID])
train = " ".join(paragraphs[i] for i in order[N_VALID:])
index, V = {c: i for i, c in enumerate(ALPHABET)}, len(ALPHABET)
train_ids = np.array([index[c] for c in train])
n = len(valid) // (SEQ_LEN + 1)  # held-out windows, each starting from h = 0
valid_windows = np.array([index[c] for c in valid[: n * (SEQ_LEN + 1)]]
                         ).reshape(n, SEQ_LEN + 1)
print(f"paragraphs: {len(paragraphs)}, train characters: {len(train)}")
print(f"validation characters: {len(valid)}, windows: {n}")
print(f"train text starts: {train[:56]!r}")
# %% Parameters: plain tensors, drawn from NumPy so both twins share them
def init(seed):  # uniform in +-1/sqrt(HIDDEN), as nn.RNN and nn.Linear do
    rng, s = np.random.default_rng(seed), 1 / np.sqrt(HIDDEN)
    shapes = [(V, HIDDEN), (HIDDEN, HIDDEN), (HIDDEN,), (HIDDEN, V), (V,)]
    return [tf.Variable(rng.uniform(-s, s, shape), dtype=tf.float32)
            for shape in shapes]
print("shapes:", [tuple(p.shape) for p in init(0)],
      "parameters:", sum(int(tf.size(p)) for p in init(0)))
# %% The recurrence and the loss
def forward(params, x, h):  # x: (batch, time) character ids
    W_xh, W_hh, b_h, W_hy, b_y = params
    states = []
    for t in range(x.shape[1]):  # the same weights at every step
        h = tf.tanh(tf.gather(W_xh, x[:, t]) + h @ W_hh + b_h)  # one-hot @ W
        states.append(h)
    return tf.stack(states, 1) @ W_hy + b_y, h  # logits, last state
def loss_fn(params, windows):  # mean cross-entropy of the next character
    x, y = windows[:, :-1], windows[:, 1:]
    logits, _ = forward(params, x, tf.zeros([x.shape[0], HIDDEN]))
    picked = tf.gather(logits, y, batch_dims=2)
    return tf.reduce_mean(tf.reduce_logsumexp(logits, 2) - picked)
# %% One gradient step, written out
@tf.function  # traced once: the loop over time unrolls into one graph
def train_step(params, windows):
    with tf.GradientTape() as tape:
        loss = loss_fn(params, windows)
    grads = [tf.convert_to_tensor(g) for g in tape.gradient(loss, params)]
    norm = tf.sqrt(tf.add_n([tf.reduce_sum(g**2) for g in grads]))
    for p, g in zip(params, grads):  # clip the global norm to CLIP, then step
        p.assign_sub(LEARNING_RATE * tf.minimum(1.0, CLIP / norm) * g)
    return norm  # before clipping
# %% Training: validation loss at checkpoints, three seeds
freq = np.bincount(train_ids, minlength=V) / len(train_ids)
unigram = -np.log(freq[valid_windows[:, 1:]]).mean()  # counts, no context
print(f"uniform guess ln V: {np.log(V):.3f}, unigram: {unigram:.3f}")
curves, models, clipped, valid_windows = [], [], [], tf.constant(valid_windows)
for seed in SEEDS:
    params, rng, curve = init(seed), np.random.default_rng(seed), []
    clipped.append(0)  # steps where the norm exceeded CLIP
    for step in range(STEPS + 1):
        if step % EVERY == 0:
            curve.append(float(loss_fn(params, valid_windows)))
        if step < STEPS:
            starts = rng.integers(0, len(train_ids) - SEQ_LEN, BATCH_SIZE)
            windows = train_ids[starts[:, None] + np.arange(SEQ_LEN + 1)]
            clipped[-1] += int(train_step(params, tf.constant(windows)) > CLIP)
    curves.append(curve), models.append(params)
print("step: validation loss of seeds", *SEEDS)
for i, step in enumerate(range(0, STEPS + 1, EVERY)):
    print(f"{step:>4}:", " ".join(f"{c[i]:.3f}" for c in curves))
print(f"steps where the clip acted, of {STEPS}:", *clipped)
# %% Sampling from seed 0's network, seeded
def sample(params, text, length, rng):  # temperature 1: the softmax itself
    x, h = tf.constant([[index[c] for c in text]]), tf.zeros([1, HIDDEN])
    for _ in range(length):
        logits, h = forward(params, x, h)
        p = tf.nn.softmax(logits[0, -1]).numpy().astype(float)
        x = tf.constant([[rng.choice(V, p=p / p.sum())]])  # NumPy draws
        text += ALPHABET[int(x[0, 0])]
    return text
text = sample(models[0], "the ", 64, np.random.default_rng(0))
print(f"sample, {len(text) - 4} characters after the prompt 'the ':")
print(f'"{text}"')
