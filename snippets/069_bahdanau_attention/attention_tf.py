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
# %% One decoder step: additive attention, a GRU cell and a read-out
class Decoder(keras.layers.Layer):  # a cell that keras.layers.RNN loops
    def __init__(self):
        super().__init__()
        self.state_size, self.output_size = HIDDEN, V + MAX_LENGTH
        self.built = True  # its layers build themselves when first called
        self.query = keras.layers.Dense(HIDDEN, use_bias=False)  # W_q
        self.key = keras.layers.Dense(HIDDEN)  # W_k and a bias
        self.v = keras.layers.Dense(1, use_bias=False)
        self.gru, self.out = keras.layers.GRUCell(HIDDEN), keras.layers.Dense(V)
    def call(self, token, states):  # v . tanh(W_q s_(t-1) + W_k h_j + b)
        keys, values, pad = self.memory  # set by Seq2Seq before the loop
        score = self.v(tf.tanh(self.query(states[0])[:, None] + keys))[..., 0]
        weights = tf.nn.softmax(tf.where(pad, -1e9, score), 1)  # (B, T)
        context = tf.reduce_sum(weights[..., None] * values, 1)
        state, _ = self.gru(tf.concat([token, context], 1), states[0])
        logits = self.out(tf.concat([state, context], 1))
        return tf.concat([logits, weights], 1), [state]
# %% The model: day 66's, the decoder reading a context at every step
class Seq2Seq(keras.Model):
    def __init__(self):
        super().__init__()
        self.embed = keras.layers.Embedding(V, EMBED, embeddings_initializer=
            keras.initializers.RandomNormal(stddev=1.0))  # twins differ: N(0,1)
        self.encoder = keras.layers.GRU(HIDDEN, return_sequences=True,
                                        return_state=True)
        self.decoder = Decoder()
        self.loop = keras.layers.RNN(self.decoder, return_sequences=True)
        self(src[:1], dec_in[:1])  # called once, so that its weights exist
    def call(self, src, dec_in):  # teacher forcing: the loop runs in TF
        values, state = self.encoder(self.embed(src))  # all states
        self.decoder.memory = (self.decoder.key(values), values, src == PAD)
        y = self.loop(self.embed(dec_in), initial_state=state)
        return y[..., :V], y[..., V:]  # logits, attention weights
print("parameters:", Seq2Seq().count_params())
ce = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
model = Seq2Seq()  # one model, its weights and Adam's state reset per seed
adam = keras.optimizers.Adam(LEARNING_RATE, global_clipnorm=CLIP)
# %% Training with teacher forcing, three seeds; exact match on held-out data
@tf.function  # one training step, traced once and reused for every seed
def train_step(s, d, t):
    with tf.GradientTape() as tape:
        loss = ce(t, model(s, d, training=True)[0])
    adam.apply(tape.gradient(loss, model.trainable_variables),
               model.trainable_variables)
results, held_out, attention = [], tgt[N_TRAIN:], []
for seed in SEEDS:
    keras.utils.set_random_seed(seed)
    model.set_weights(Seq2Seq().get_weights())  # and Adam's state to zero:
    [v.assign(tf.zeros_like(v)) for v in adam.variables if "rate" not in v.path]
    shuffle = np.random.default_rng(seed)  # the batches, as in the twin
    for epoch in range(EPOCHS):
        for b in np.split(shuffle.permutation(N_TRAIN), N_TRAIN // BATCH_SIZE):
            train_step(src[b], dec_in[b], tgt[b])
    logits, weights = model(src[N_TRAIN:], dec_in[N_TRAIN:])  # see day 66
    right = ((np.argmax(logits, -1) == held_out) | (held_out == PAD)).all(1)
    results.append(right.reshape(len(TEST_LENGTHS), N_TEST).mean(1))
    attention.append(np.array(weights))  # (source, output step, position)
# %% Exact match by length (as greedy decoding scores it); where seeds look
print("length:", *(f"{n:>5}" for n in TEST_LENGTHS), "| most attended position")
for seed, r, w in zip(SEEDS, results, attention):  # per output, last source
    print(f"seed {seed}:", *(f"{a:.3f}" for a in r), "|", *w[-1].argmax(1)[:-1])
print("mean:  ", *(f"{a:.3f}" for a in np.mean(results, 0)))
pad = np.max(np.array(attention) * (src[N_TRAIN:] == PAD)[:, None])  # masked
print(f"largest weight on padding, every seed and test source: {pad:.1e}")
fig, ax = plt.subplots()  # the last source (printed above), the first seed
ax.imshow(attention[0][-1], cmap="viridis")  # row 10: the end token
ax.set(xlabel="source position", ylabel="output step")
ax.set_title(f"TensorFlow: attention weights of seed {SEEDS[0]}, 10 digits")
plt.show()
