# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import keras
import tensorflow as tf
from gensim.test.utils import datapath
ALPHABET = " abcdefghijklmnopqrstuvwxyz.,'"  # everything else becomes a space
DATA_SEED = 0  # which paragraphs are held out
N_VALID = 30  # held-out paragraphs, of 290 distinct ones
SEEDS = (0, 1, 2)  # initial weights and batches, one run per seed
SEQ_LEN = 32
BATCH_SIZE = 64
EMBED = 16
HIDDEN = 64
STEPS = 60
EVERY = 20  # steps between validation checkpoints
LEARNING_RATE = 0.01  # Adam
CLIP = 1.0  # largest global gradient norm
TEMPERATURES = (0.5, 1.0)  # for sampling
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
# %% The model: embedding, built-in GRU, a linear read-out
def CharLM():  # logits for every position
    normal = keras.initializers.RandomNormal(
        stddev=1.0)  # twins differ: nn.Embedding starts from N(0, 1)
    return keras.Sequential([
        keras.Input((None,), dtype="int32"),
        keras.layers.Embedding(V, EMBED, embeddings_initializer=normal),
        keras.layers.GRU(HIDDEN, return_sequences=True),
        keras.layers.Dense(V)])
print("parameters:", CharLM().count_params())
# %% Loss, optimizer and perplexity
ce = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
@tf.function  # traced once, quicker than model.evaluate
def perplexity(model, windows):  # exp of the mean cross-entropy, in nats
    return tf.exp(ce(windows[:, 1:], model(windows[:, :-1], training=False)))
curves, models, model = [], [], CharLM()  # compiled once, reset per seed
model.compile(keras.optimizers.Adam(LEARNING_RATE, global_clipnorm=CLIP), ce)
# %% Training three seeds, perplexity every EVERY steps
for seed in SEEDS:
    keras.utils.set_random_seed(seed)  # fresh weights, Adam's state zeroed
    model.set_weights(CharLM().get_weights())
    for v in model.optimizer.variables:  # step count, momenta, velocities
        if "learning_rate" not in v.path:
            v.assign(tf.zeros_like(v))
    rng, curve = np.random.default_rng(seed), []
    for step in range(0, STEPS + 1, EVERY):
        curve.append(float(perplexity(model, valid_windows)))
        if step < STEPS:  # the next EVERY batches of random training windows
            starts = rng.integers(0, len(train) - SEQ_LEN, EVERY * BATCH_SIZE)
            windows = train_ids[starts[:, None] + np.arange(SEQ_LEN + 1)]
            model.fit(windows[:, :-1], windows[:, 1:], batch_size=BATCH_SIZE,
                      shuffle=False, verbose=0)  # batches in order, one pass
    curves.append(curve), models.append(CharLM())
    models[-1].set_weights(model.get_weights())  # keep this seed's network
# %% Perplexity at the checkpoints
print("step: validation perplexity of seeds", *SEEDS)
for i, step in enumerate(range(0, STEPS + 1, EVERY)):
    print(f"{step:>4}:", " ".join(f"{c[i]:6.3f}" for c in curves))
final = [c[-1] for c in curves]
print(f"after {STEPS} steps: mean {np.mean(final):.3f}, "
      f"min {min(final):.3f}, max {max(final):.3f}")
# %% Figure
fig, ax = plt.subplots()
for seed, curve in zip(SEEDS, curves):
    ax.plot(range(0, STEPS + 1, EVERY), curve, marker="o", label=f"seed {seed}")
ax.set(xlabel="step", ylabel="validation perplexity", yscale="log")
ax.set_title("TensorFlow: a character GRU's validation perplexity falls")
ax.legend()
plt.show()
# %% Samples from seed 0's network, seeded, at two temperatures
def sample(model, text, length, temperature, rng):
    (embed, gru, out), state = model.layers, [tf.zeros([1, HIDDEN])]
    ids = [index[c] for c in text]
    for t in range(len(text) - 1 + length):  # one character per step
        y, state = gru.cell(embed(tf.constant([ids[t]])), state)
        if t >= len(text) - 1:  # past the prompt: draw the next one
            p = tf.nn.softmax(out(y)[0] / temperature).numpy().astype(float)
            ids.append(rng.choice(V, p=p / p.sum()))  # NumPy draws
    return "".join(ALPHABET[i] for i in ids)
for temperature in TEMPERATURES:
    text = sample(models[0], "the ", 64, temperature, np.random.default_rng(0))
    print(f"temperature {temperature}, {len(text) - 4} new characters:")
    print(f'"{text}"')
