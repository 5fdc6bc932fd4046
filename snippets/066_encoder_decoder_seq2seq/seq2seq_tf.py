# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import keras
import tensorflow as tf
tf.config.threading.set_intra_op_parallelism_threads(1)  # a small GRU runs
tf.config.threading.set_inter_op_parallelism_threads(1)  # faster on one thread
DATA_SEED = 0  # which digit sequences are drawn for training and testing
SEEDS = (0, 1, 2)  # initial weights and batch order, one run per seed
LENGTH = 6  # digits per source sequence
N_TRAIN, N_TEST = 12800, 1000  # training pairs; held-out test pairs
EMBED = 16
HIDDEN = 64
BATCH_SIZE = 128
EPOCHS = 2
LEARNING_RATE = 0.01  # Adam
CLIP = 1.0  # largest global gradient norm
for name in [k for k in list(globals()) if k.isupper()]:  # the settings
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]!r}")
# %% Data: the target is the source reversed, then an end token; baselines
BOS, EOS, V = 10, 11, 12  # tokens 0-9 are the digits
rng = np.random.default_rng(DATA_SEED)
src = rng.integers(0, 10, (N_TRAIN + 2 * N_TEST, LENGTH))
seen = {tuple(s) for s in src[:N_TRAIN]}  # held out: never seen in training
test = [i for i in range(N_TRAIN, len(src)) if tuple(src[i]) not in seen]
src = np.concatenate([src[:N_TRAIN], src[test[:N_TEST]]])
tgt = np.concatenate([src[:, ::-1], np.full((len(src), 1), EOS)], axis=1)
dec_in = np.concatenate([np.full((len(src), 1), BOS), tgt[:, :-1]], axis=1)
print("source:", *src[0], "-> target:", *tgt[0], "(11 = end)")
print("decoder input (teacher forcing):", *dec_in[0], "(10 = start)")
def scores(pred, tgt):  # exact match (end token included), per token
    return (pred == tgt).all(1).mean(), (pred == tgt).mean()
copy = np.concatenate([src, np.full((len(src), 1), EOS)], axis=1)[N_TRAIN:]
print("copy baseline: exact match {:.3f}, per token {:.3f}".format(
    *scores(copy, tgt[N_TRAIN:])))
print(f"chance (digits uniform): exact match {0.1 ** LENGTH:.0e}, "
      f"per token {(0.1 * LENGTH + 1) / (LENGTH + 1):.3f}")
# %% The model: an encoder GRU, a decoder GRU started from its last state
def Seq2Seq():  # unroll: the short loops become plain steps in the graph
    embed = keras.layers.Embedding(V, EMBED, name="embed")  # both sides
    gru = dict(return_sequences=True, return_state=True, unroll=True)
    encoder = keras.layers.GRU(HIDDEN, name="encoder", **gru)  # all outputs
    decoder = keras.layers.GRU(HIDDEN, name="decoder", **gru)  # and the state
    out = keras.layers.Dense(V, name="out")
    source, target_in = (keras.Input((None,), dtype="int32") for _ in "st")
    _, state = encoder(embed(source))  # keeps only the last state, (B, H)
    y, _ = decoder(embed(target_in), initial_state=state)  # teacher forcing
    return keras.Model([source, target_in], out(y))
print("parameters:", (model := Seq2Seq()).count_params())  # trained below
# %% Greedy decoding: each step feeds back the model's own last token
def greedy(model, src):
    embed, encoder, decoder, out = (
        model.get_layer(n) for n in ("embed", "encoder", "decoder", "out"))
    _, state = encoder(embed(src))  # the last state only
    token, result = np.full((len(src), 1), BOS), []
    for _ in range(LENGTH + 1):  # the end token's position included
        y, state = decoder(embed(token), initial_state=state)
        result.append(token := np.argmax(out(y), -1))  # the likeliest
    return np.concatenate(result, 1)
# %% Loss and one training step, with teacher forcing
ce = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
adam = keras.optimizers.Adam(LEARNING_RATE, global_clipnorm=CLIP)
@tf.function  # one training step, traced once and reused for every seed
def train_step(s, d, t):
    with tf.GradientTape() as tape:
        loss = ce(t, model([s, d], training=True))
    weights = model.trainable_variables  # no := here: AutoGraph cannot read it
    adam.apply(tape.gradient(loss, weights), weights)
# %% Training three seeds, testing greedily
held_out, results, position = tgt[N_TRAIN:], [], []
for seed in SEEDS:  # one model, its weights and Adam's state reset per seed
    keras.utils.set_random_seed(seed)
    model.set_weights(Seq2Seq().get_weights())
    for v in adam.variables:  # step count, momenta, velocities; not the rate
        v.assign(tf.zeros_like(v) if "learning_rate" not in v.path else v)
    shuffle = np.random.default_rng(seed)  # the batches, as in the twin
    for epoch in range(EPOCHS):
        for b in np.split(shuffle.permutation(N_TRAIN), N_TRAIN // BATCH_SIZE):
            train_step(src[b], dec_in[b], tgt[b])
    forced = np.argmax(model([src[N_TRAIN:], dec_in[N_TRAIN:]]), -1)
    pred = greedy(model, src[N_TRAIN:])
    results.append([*scores(pred, held_out), *scores(forced, held_out)])
    position.append((pred == held_out).mean(0))
# %% Held-out accuracy per seed
print("seed: greedy exact, per token | teacher-forced exact, per token")
for seed, r in zip(SEEDS, results):
    print(f"{seed:>4}: {r[0]:.3f}, {r[1]:.3f} | {r[2]:.3f}, {r[3]:.3f}")
exact = [r[0] for r in results]
print(f"greedy exact match: mean {np.mean(exact):.3f}, "
      f"min {min(exact):.3f}, max {max(exact):.3f}")
print("per output position (mean of seeds):",
      *(f"{a:.3f}" for a in np.mean(position, 0)))
# %% Figure: accuracy per output position
fig, ax = plt.subplots()
for seed, acc in zip(SEEDS, position):
    ax.plot(range(1, LENGTH + 2), acc, marker="o", label=f"seed {seed}")
ax.set(xlabel="output position (last is the end token)", ylabel="accuracy")
ax.set_title("TensorFlow: greedy seq2seq accuracy per output position")
ax.legend()
plt.show()
