# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn
torch.set_num_threads(1)  # a small model: one thread is faster here
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
# %% The model: embeddings, an encoder-decoder, a read-out
class Translator(nn.Module):
    def __init__(self):
        super().__init__()
        self.src_embed = nn.Embedding(SYMBOLS, D_MODEL)
        self.tgt_embed = nn.Embedding(SYMBOLS + 1, D_MODEL)  # + start
        self.register_buffer("pe", torch.tensor(PE, dtype=torch.float32))
        self.transformer = nn.Transformer(  # post-norm
            D_MODEL, HEADS, LAYERS, LAYERS, D_FF, dropout=DROPOUT,
            layer_norm_eps=EPS, batch_first=True)
        self.out = nn.Linear(D_MODEL, SYMBOLS)
    def encode(self, src):
        return self.transformer.encoder(self.src_embed(src) + self.pe)
    def decode(self, dec_in, memory):  # logits at every position
        n = dec_in.shape[1]
        causal = nn.Transformer.generate_square_subsequent_mask(n)
        y = self.tgt_embed(dec_in) + self.pe[:n]
        return self.out(self.transformer.decoder(y, memory, tgt_mask=causal))
# %% Greedy decoding: one token at a time, each fed back in
@torch.no_grad()
def greedy(model, src):  # the tokens, and the last step's cross-attention
    cross, kept = model.transformer.decoder.layers[0].multihead_attn, {}
    hook = cross.register_forward_hook(  # keeps the query and the memory
        lambda module, args, output: kept.update(q=args[0], kv=args[1]))
    memory, dec = model.encode(src), torch.full((len(src), 1), BOS)
    for _ in range(LENGTH):
        logits = model.decode(dec, memory)  # the likeliest next:
        dec = torch.cat([dec, logits[:, -1:].argmax(-1)], 1)
    hook.remove()  # recomputed with the weights, averaged over the heads:
    weights = cross(kept["q"], kept["kv"], kept["kv"])[1]
    return dec[:, 1:].numpy(), weights.numpy()  # the start token dropped
# %% One training step, with teacher forcing
S, D, T = map(torch.tensor, (src, dec_in, tgt.copy()))
print("parameters:", sum(p.numel() for p in Translator().parameters()))
def train_step(s, d, t):  # the decoder reads the true previous tokens
    adam.zero_grad()  # cross-entropy wants (batch, classes, time)
    logits = model.decode(d, model.encode(s))
    nn.functional.cross_entropy(logits.transpose(1, 2), t).backward()
    adam.step()
# %% Training three seeds, decoding the test set greedily
results, reverse = [], np.arange(LENGTH)[::-1]  # source pos. read at t
for seed in SEEDS:
    torch.manual_seed(seed)
    model = Translator()
    adam = torch.optim.Adam(model.parameters(), LEARNING_RATE)
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
ax.set_title("PyTorch: cross-attention, one test sentence, averaged heads")
plt.show()
