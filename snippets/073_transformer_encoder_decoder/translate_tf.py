# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import keras
import tensorflow as tf
DATA_SEED, SEEDS = 0, (0, 1, 2)  # the data; weights and batch order
LENGTH, SYMBOLS = 8, 10  # 8 symbols per sentence, 10 per vocabulary
N_TRAIN, N_TEST = 4096, 1000  # 64 batches of 64
D_MODEL, HEADS, D_FF, LAYERS, EPS, DROPOUT = 32, 2, 64, 1, 1e-5, 0.0
BATCH_SIZE, EPOCHS, LEARNING_RATE = 64, 2, 0.003
for name in [k for k in list(globals()) if k.isupper()]:  # the settings
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]!r}")
# %% Data: the task of the first snippet, and its scores
BOS, rng = SYMBOLS, np.random.default_rng(DATA_SEED)  # BOS: start, 10
DICTIONARY = rng.permutation(SYMBOLS)  # source symbol s -> DICTIONARY[s]
src = rng.integers(0, SYMBOLS, (N_TRAIN + N_TEST, LENGTH))
tgt = DICTIONARY[src][:, ::-1]  # translated, then reversed
dec_in = np.concatenate([np.full((len(src), 1), BOS), tgt[:, :-1]], 1)
def scores(pred, tgt):  # exact match (whole sentence), per token
    return (pred == tgt).all(1).mean(), (pred == tgt).mean()
# %% Positions (day 71) and the building blocks
angle = np.arange(LENGTH)[:, None] / 10000 ** (  # day 71's sinusoids
    np.arange(0, D_MODEL, 2) / D_MODEL)
PE = np.stack([np.sin(angle), np.cos(angle)], -1).reshape(LENGTH, -1)
embedding = lambda n: keras.layers.Embedding(  # N(0, 1), as nn.Embedding
    n, D_MODEL, embeddings_initializer=keras.initializers.RandomNormal(0, 1))
attention = lambda: keras.layers.MultiHeadAttention(
    HEADS, D_MODEL // HEADS, dropout=DROPOUT)
ffn = lambda: keras.Sequential([keras.layers.Dense(D_FF, "relu"),
                                keras.layers.Dense(D_MODEL)])
norm = lambda: keras.layers.LayerNormalization(epsilon=EPS)
# %% The model: embeddings, an encoder-decoder, a read-out
class Translator(keras.Model):  # post-norm; LAYERS = 1, written out
    def __init__(self):
        super().__init__()
        self.src_embed, self.tgt_embed = embedding(SYMBOLS), embedding(
            SYMBOLS + 1)  # the target's has the start token
        self.enc_att, self.self_att = attention(), attention()
        self.cross_att, self.enc_ffn, self.dec_ffn = attention(), ffn(), ffn()
        self.norm = [norm() for _ in range(7)]  # 2 encoder, 3 decoder, 2 final
        self.out = keras.layers.Dense(SYMBOLS)
    def encode(self, src):  # one encoder layer, then a final norm
        x = self.src_embed(src) + PE
        x = self.norm[0](x + self.enc_att(x, x))
        return self.norm[2](self.norm[1](x + self.enc_ffn(x)))
    def decode(self, dec_in, memory):  # logits, cross-attention weights
        y = self.tgt_embed(dec_in) + PE[:dec_in.shape[1]]
        y = self.norm[3](y + self.self_att(y, y, use_causal_mask=True))
        c, weights = self.cross_att(y, memory, return_attention_scores=True)
        y = self.norm[4](y + c)
        y = self.norm[6](self.norm[5](y + self.dec_ffn(y)))
        return self.out(y), weights
# %% Greedy decoding: one token at a time, each fed back in
def greedy(model, src):  # the tokens, and the last step's cross-attention
    memory, dec = model.encode(src), np.full((len(src), 1), BOS)
    for _ in range(LENGTH):
        logits, weights = model.decode(dec, memory)  # the likeliest next:
        dec = np.concatenate([dec, logits[:, -1:].numpy().argmax(-1)], 1)
    return dec[:, 1:], weights.numpy().mean(1)  # start dropped; head mean
# %% One training step, with teacher forcing
S, D, T, starts = src, dec_in, tgt.copy(), {}
for seed in SEEDS:  # each seed's initial weights, drawn first
    keras.utils.set_random_seed(seed)
    model = Translator()
    model.decode(D[:1], model.encode(S[:1]))  # built: this seed's weights
    starts[seed] = model.get_weights()
print("parameters:", sum(w.size for w in starts[0]))
adam = keras.optimizers.Adam(LEARNING_RATE)
ce = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
@tf.function  # traced once: the same model and Adam for every seed
def train_step(s, d, t):  # the decoder reads the true previous tokens
    with tf.GradientTape() as tape:
        loss = ce(t, model.decode(d, model.encode(s))[0])
    grads = tape.gradient(loss, model.trainable_variables)
    adam.apply_gradients(zip(grads, model.trainable_variables))
# %% Training three seeds, decoding the test set greedily
results, reverse = [], np.arange(LENGTH)[::-1]  # source pos. read at t
for seed in SEEDS:  # copy the start in, reset Adam's state, train
    model.set_weights(starts[seed])
    for v in adam.variables:
        v.assign(LEARNING_RATE if "learning_rate" in v.path else 0 * v)
    shuffle = np.random.default_rng(seed)  # the batch order
    for epoch in range(EPOCHS):
        for b in shuffle.permutation(N_TRAIN).reshape(-1, BATCH_SIZE):
            train_step(S[b], D[b], T[b])
    pred, weights = greedy(model, S[N_TRAIN:])
    peak = (weights.argmax(-1) == reverse).mean()  # on the anti-diagonal
    results.append((*scores(pred, tgt[N_TRAIN:]), peak))
    print("seed {}: greedy exact {:.3f}, per token {:.3f}, attention peak "
          "at {} - t {:.3f}".format(seed, *results[-1][:2], LENGTH - 1, peak))
for name, r in zip(("exact", "per token", "peak"), np.array(results).T):
    print(f"{name}: mean {r.mean():.3f}, min {r.min():.3f}, max {r.max():.3f}")
# %% Cross-attention of one decoded test sentence (the last seed's model)
fig, ax = plt.subplots()
ax.imshow(weights[0], cmap="viridis")
ax.set_xticks(range(LENGTH), src[N_TRAIN])
ax.set_yticks(range(LENGTH), pred[0])
ax.set(xlabel="source symbol", ylabel="decoded target symbol")
ax.set_title("TensorFlow: cross-attention, one test sentence, averaged heads")
plt.show()
