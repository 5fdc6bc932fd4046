# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import torch
torch.set_num_threads(1)  # small GRUs: one thread is faster than two here
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
class Decoder(torch.nn.Module):  # a cell that Seq2Seq loops over the steps
    def __init__(self):
        super().__init__()
        self.query = torch.nn.Linear(HIDDEN, HIDDEN, bias=False)  # W_q
        self.key = torch.nn.Linear(HIDDEN, HIDDEN)  # W_k and a bias
        self.v = torch.nn.Linear(HIDDEN, 1, bias=False)
        self.gru = torch.nn.GRUCell(EMBED + HIDDEN, HIDDEN)
        self.out = torch.nn.Linear(2 * HIDDEN, V)
    def forward(self, token, state):  # v . tanh(W_q s_(t-1) + W_k h_j + b)
        keys, values, pad = self.memory  # set by Seq2Seq before the loop
        score = self.v(torch.tanh(self.query(state)[:, None] + keys))[..., 0]
        weights = torch.softmax(score.masked_fill(pad, -1e9), 1)  # (B, T)
        context = (weights[..., None] * values).sum(1)
        state = self.gru(torch.cat([token, context], 1), state)
        logits = self.out(torch.cat([state, context], 1))
        return torch.cat([logits, weights], 1), state
# %% The model: day 66's, the decoder reading a context at every step
class Seq2Seq(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = torch.nn.Embedding(V, EMBED)  # both sides; N(0, 1)
        self.encoder = torch.nn.GRU(EMBED, HIDDEN, batch_first=True)
        self.decoder = Decoder()
    def forward(self, src, dec_in):  # teacher forcing: a loop over the steps
        values, state = self.encoder(self.embed(src))  # all states
        self.decoder.memory = (self.decoder.key(values), values, src == PAD)
        y, state = [], state[0]
        for token in self.embed(dec_in).unbind(1):
            out, state = self.decoder(token, state)
            y.append(out)
        y = torch.stack(y, 1)
        return y[..., :V], y[..., V:]  # logits, attention weights
print("parameters:", sum(p.numel() for p in Seq2Seq().parameters()))
ce = torch.nn.CrossEntropyLoss()
# %% Training with teacher forcing, three seeds; exact match on held-out data
S, D, T = map(torch.tensor, (src, dec_in, tgt))
def train_step(s, d, t):  # updates the current model with its own Adam
    adam.zero_grad()  # the loss wants (batch, classes, time)
    ce(model(s, d)[0].transpose(1, 2), t).backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), CLIP)
    adam.step()
results, held_out, attention = [], tgt[N_TRAIN:], []
for seed in SEEDS:
    torch.manual_seed(seed)
    model = Seq2Seq()
    adam = torch.optim.Adam(model.parameters(), LEARNING_RATE)
    shuffle = np.random.default_rng(seed)  # the batches, as in the twin
    for epoch in range(EPOCHS):
        for b in np.split(shuffle.permutation(N_TRAIN), N_TRAIN // BATCH_SIZE):
            train_step(S[b], D[b], T[b])
    with torch.no_grad():  # see day 66
        logits, weights = model(S[N_TRAIN:], D[N_TRAIN:])
    right = ((logits.argmax(-1).numpy() == held_out) | (held_out == PAD)).all(1)
    results.append(right.reshape(len(TEST_LENGTHS), N_TEST).mean(1))
    attention.append(weights.numpy())  # (source, output step, position)
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
ax.set_title(f"PyTorch: attention weights of seed {SEEDS[0]}, 10 digits")
plt.show()
