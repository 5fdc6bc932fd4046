# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import torch
from gensim.test.utils import datapath
torch.set_num_threads(1)  # a small GRU: one thread is faster than two here
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
class CharLM(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = torch.nn.Embedding(V, EMBED)
        self.gru = torch.nn.GRU(EMBED, HIDDEN, batch_first=True)
        self.out = torch.nn.Linear(HIDDEN, V)
    def forward(self, x, state=None):  # logits for every position
        y, state = self.gru(self.embed(x), state)
        return self.out(y), state
print("parameters:", sum(p.numel() for p in CharLM().parameters()))
# %% Loss, optimizer and perplexity
ce, valid_windows = torch.nn.CrossEntropyLoss(), torch.tensor(valid_windows)
@torch.no_grad()
def perplexity(model, windows):  # exp of the mean cross-entropy, in nats
    logits, _ = model(windows[:, :-1])
    return ce(logits.reshape(-1, V), windows[:, 1:].reshape(-1)).exp().item()
curves, models = [], []
# %% Training three seeds, perplexity every EVERY steps
for seed in SEEDS:
    torch.manual_seed(seed)
    model, rng, curve = CharLM(), np.random.default_rng(seed), []
    adam = torch.optim.Adam(model.parameters(), LEARNING_RATE)
    for step in range(0, STEPS + 1, EVERY):
        curve.append(perplexity(model, valid_windows))
        if step < STEPS:  # the next EVERY batches of random training windows
            starts = rng.integers(0, len(train) - SEQ_LEN, EVERY * BATCH_SIZE)
            windows = train_ids[starts[:, None] + np.arange(SEQ_LEN + 1)]
            for w in torch.tensor(windows).split(BATCH_SIZE):  # in order
                adam.zero_grad()  # the loss wants (batch, classes, time)
                ce(model(w[:, :-1])[0].transpose(1, 2), w[:, 1:]).backward()
                torch.nn.utils.clip_grad_norm_(model.parameters(), CLIP)
                adam.step()
    curves.append(curve), models.append(model)
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
ax.set_title("PyTorch: a character GRU's validation perplexity falls")
ax.legend()
plt.show()
# %% Samples from seed 0's network, seeded, at two temperatures
@torch.no_grad()
def sample(model, text, length, temperature, rng):
    ids, state = [index[c] for c in text], None
    for t in range(len(text) - 1 + length):  # one character per step
        logits, state = model(torch.tensor([[ids[t]]]), state)
        if t >= len(text) - 1:  # past the prompt: draw the next one
            p = torch.softmax(logits[0, 0] / temperature, 0).double().numpy()
            ids.append(rng.choice(V, p=p / p.sum()))  # NumPy draws
    return "".join(ALPHABET[i] for i in ids)
for temperature in TEMPERATURES:
    text = sample(models[0], "the ", 64, temperature, np.random.default_rng(0))
    print(f"temperature {temperature}, {len(text) - 4} new characters:")
    print(f'"{text}"')
