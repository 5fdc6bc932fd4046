# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import keras
import tensorflow as tf
tf.config.threading.set_intra_op_parallelism_threads(1)  # small GRUs: faster
DATA_SEED = 0  # which digit sequences are drawn for training and testing
SEEDS = (0, 1, 2)  # initial weights and batch order, one run per seed
MAX_LENGTH, N_TRAIN = 10, 10240  # training sources: 2 to MAX_LENGTH digits
TEST_LENGTHS, N_TEST = (4, 6, 8, 10), 200  # N_TEST sources per test length
EMBED, HIDDEN, BATCH_SIZE, EPOCHS = 16, 64, 256, 2
LEARNING_RATE, CLIP = 0.01, 1.0  # Adam; the largest global gradient norm
for name in [k for k in list(globals()) if k.isupper()]:  # the settings
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]!r}")
# %% Data: day 66's reversal at many lengths, padded to one shape
BOS, EOS, PAD, V = 10, 11, 12, 13  # tokens 0-9 are the digits
def sources(lengths, rng):  # digits on the right, padding on the left
    digits = rng.integers(0, 10, (len(lengths), MAX_LENGTH))
    return np.where(np.arange(MAX_LENGTH) >= MAX_LENGTH - lengths, digits, PAD)
rng = np.random.default_rng(DATA_SEED)
src = sources(rng.integers(2, MAX_LENGTH + 1, (N_TRAIN, 1)), rng)
seen = {tuple(s) for s in src}  # test sequences: never seen in training
for n in TEST_LENGTHS:
    new = sources(np.full((2 * N_TEST, 1), n), rng)
    new = [s for s in new if tuple(s) not in seen][:N_TEST]
    src = np.concatenate([src, new])
tgt = np.concatenate([src[:, ::-1], np.full((len(src), 1), PAD)], 1)
tgt[np.arange(len(src)), (src != PAD).sum(1)] = EOS  # right after the digits
dec_in = np.concatenate([np.full((len(src), 1), BOS), tgt[:, :-1]], 1)
print("source:", *src[-1], "-> target:", *tgt[-1])  # the last: 10 digits
# %% The model: day 66's, one summary vector for the whole source
def Seq2Seq():  # N(0, 1) embeddings, as torch's; drawn after the seed is set
    unit = keras.initializers.RandomNormal(stddev=1.0)  # twins differ: as torch
    embed = keras.layers.Embedding(V, EMBED,  # both sides
                                   embeddings_initializer=unit, name="embed")
    gru = dict(return_sequences=True, return_state=True)
    encoder = keras.layers.GRU(HIDDEN, **gru)  # all outputs and the state
    decoder = keras.layers.GRU(HIDDEN, **gru)
    source, target_in = (keras.Input((None,), dtype="int32") for _ in "st")
    _, state = encoder(embed(source))  # keeps only the last state, (B, H)
    y, _ = decoder(embed(target_in), initial_state=state)  # teacher forcing
    return keras.Model([source, target_in], keras.layers.Dense(V)(y))
print("parameters:", Seq2Seq().count_params())
ce = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
model = Seq2Seq()  # one model, its weights and Adam's state reset per seed
adam = keras.optimizers.Adam(LEARNING_RATE, global_clipnorm=CLIP)
# %% Embeddings at the start: the framework's default, and the one used here
keras.utils.set_random_seed(SEEDS[0])  # as at the start of the first run
here = Seq2Seq().get_layer("embed").embeddings  # N(0, 1)
default = keras.layers.Embedding(V, EMBED)  # Keras's own default initialiser
default.build()
print("embedding std at the start: Keras default "
      f"{np.std(default.embeddings):.3f}, here {np.std(here):.2f}")
# %% Training with teacher forcing, three seeds; exact match on held-out data
@tf.function  # one training step, traced once and reused for every seed
def train_step(s, d, t):
    with tf.GradientTape() as tape:
        loss = ce(t, model([s, d], training=True))
    adam.apply(tape.gradient(loss, model.trainable_variables),
               model.trainable_variables)
results, held_out = [], tgt[N_TRAIN:]
for seed in SEEDS:
    keras.utils.set_random_seed(seed)
    model.set_weights(Seq2Seq().get_weights())  # and Adam's state to zero:
    [v.assign(tf.zeros_like(v)) for v in adam.variables if "rate" not in v.path]
    shuffle = np.random.default_rng(seed)  # the batches, as in the twin
    for epoch in range(EPOCHS):
        for b in np.split(shuffle.permutation(N_TRAIN), N_TRAIN // BATCH_SIZE):
            train_step(src[b], dec_in[b], tgt[b])
    pred = np.argmax(model([src[N_TRAIN:], dec_in[N_TRAIN:]]), -1)  # day 66
    right = ((pred == held_out) | (held_out == PAD)).all(1)  # up to the end
    results.append(right.reshape(len(TEST_LENGTHS), N_TEST).mean(1))
# %% Exact match by source length (as greedy decoding scores it, day 66)
print("length:", *(f"{n:>5}" for n in TEST_LENGTHS))
for seed, r in zip(SEEDS, results):
    print(f"seed {seed}:", *(f"{a:.3f}" for a in r))
print("mean:  ", *(f"{a:.3f}" for a in np.mean(results, 0)))
fig, ax = plt.subplots()
ax.legend(ax.plot(TEST_LENGTHS, np.transpose(results), marker="o"),
          [f"seed {seed}" for seed in SEEDS])
ax.set(xlabel="source length", ylabel="exact match", ylim=(0, 1.05))
ax.set_title("TensorFlow: seq2seq without attention, exact match by length")
plt.show()
