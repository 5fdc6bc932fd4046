# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import torch
torch.set_num_threads(1)  # a small GRU: one thread is faster than two here
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
class Seq2Seq(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = torch.nn.Embedding(V, EMBED)  # shared by both sides
        self.encoder = torch.nn.GRU(EMBED, HIDDEN, batch_first=True)
        self.decoder = torch.nn.GRU(EMBED, HIDDEN, batch_first=True)
        self.out = torch.nn.Linear(HIDDEN, V)
    def forward(self, src, dec_in):  # teacher forcing: all steps at once
        _, state = self.encoder(self.embed(src))  # the last state, (1, B, H)
        y, _ = self.decoder(self.embed(dec_in), state)
        return self.out(y)
print("parameters:", sum(p.numel() for p in Seq2Seq().parameters()))
# %% Greedy decoding: each step feeds back the model's own last token
@torch.no_grad()
def greedy(model, src):
    _, state = model.encoder(model.embed(src))  # the last state only
    token, result = torch.full((len(src), 1), BOS), []
    for _ in range(LENGTH + 1):  # the end token's position included
        y, state = model.decoder(model.embed(token), state)
        result.append(token := model.out(y).argmax(-1))  # the likeliest
    return torch.cat(result, 1).numpy()
# %% Loss and one training step, with teacher forcing
ce = torch.nn.CrossEntropyLoss()
S, D, T = map(torch.tensor, (src, dec_in, tgt))
def train_step(s, d, t):  # updates the current model with its own Adam
    adam.zero_grad()  # the loss wants (batch, classes, time)
    ce(model(s, d).transpose(1, 2), t).backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), CLIP)
    adam.step()
# %% Training three seeds, testing greedily
held_out, results, position = tgt[N_TRAIN:], [], []
for seed in SEEDS:
    torch.manual_seed(seed)
    model = Seq2Seq()
    adam = torch.optim.Adam(model.parameters(), LEARNING_RATE)
    shuffle = np.random.default_rng(seed)  # the batches, as in the twin
    for epoch in range(EPOCHS):
        for b in np.split(shuffle.permutation(N_TRAIN), N_TRAIN // BATCH_SIZE):
            train_step(S[b], D[b], T[b])
    with torch.no_grad():  # teacher-forced predictions, to compare
        forced = model(S[N_TRAIN:], D[N_TRAIN:]).argmax(-1).numpy()
    pred = greedy(model, S[N_TRAIN:])
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
ax.set_title("PyTorch: greedy seq2seq accuracy per output position")
ax.legend()
plt.show()
