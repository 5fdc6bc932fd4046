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
# %% The model: day 66's, one summary vector for the whole source
class Seq2Seq(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = torch.nn.Embedding(V, EMBED)  # both sides; N(0, 1)
        self.encoder = torch.nn.GRU(EMBED, HIDDEN, batch_first=True)
        self.decoder = torch.nn.GRU(EMBED, HIDDEN, batch_first=True)
        self.out = torch.nn.Linear(HIDDEN, V)
    def forward(self, src, dec_in):  # teacher forcing: all steps at once
        _, state = self.encoder(self.embed(src))  # the last state, (1, B, H)
        y, _ = self.decoder(self.embed(dec_in), state)
        return self.out(y)
print("parameters:", sum(p.numel() for p in Seq2Seq().parameters()))
ce = torch.nn.CrossEntropyLoss()
# %% Embeddings at the start: the framework's default, and the one used here
torch.manual_seed(SEEDS[0])  # as at the start of the first run
print("embedding std at the start: PyTorch default "
      f"{Seq2Seq().embed.weight.std():.2f}")
# %% Training with teacher forcing, three seeds; exact match on held-out data
S, D, T = map(torch.tensor, (src, dec_in, tgt))
def train_step(s, d, t):  # updates the current model with its own Adam
    adam.zero_grad()  # the loss wants (batch, classes, time)
    ce(model(s, d).transpose(1, 2), t).backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), CLIP)
    adam.step()
results, held_out = [], tgt[N_TRAIN:]
for seed in SEEDS:
    torch.manual_seed(seed)
    model = Seq2Seq()
    adam = torch.optim.Adam(model.parameters(), LEARNING_RATE)
    shuffle = np.random.default_rng(seed)  # the batches, as in the twin
    for epoch in range(EPOCHS):
        for b in np.split(shuffle.permutation(N_TRAIN), N_TRAIN // BATCH_SIZE):
            train_step(S[b], D[b], T[b])
    with torch.no_grad():  # exact match as greedy decoding gives (day 66)
        pred = model(S[N_TRAIN:], D[N_TRAIN:]).argmax(-1).numpy()
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
ax.set_title("PyTorch: seq2seq without attention, exact match by length")
plt.show()
