# %% Settings
import numpy as np
import torch
from sklearn.linear_model import LogisticRegression
from torch import nn

VOCAB, SEQ_LEN = 8, 12  # token 0 is A, token 1 is B, tokens 2-7 fillers
N_TRAIN, N_TEST = 2000, 1000
D_MODEL, HEADS, D_FF, EPS = 16, 2, 32, 1e-5  # EPS: layer norms
LEARNING_RATE, BATCH_SIZE, EPOCHS = 0.01, 128, 3
DATA_SEED, SEEDS = 0, (0, 1, 2)
for name in ("VOCAB SEQ_LEN N_TRAIN N_TEST D_MODEL HEADS D_FF EPS "
             "LEARNING_RATE BATCH_SIZE EPOCHS DATA_SEED SEEDS").split():
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
torch.set_num_threads(1)  # faster for a model this small (measured)
# %% Data: does A come before B?
rng = np.random.default_rng(DATA_SEED)
def make(n):  # fillers, then one A and one B at two distinct positions
    x = rng.integers(2, VOCAB, size=(n, SEQ_LEN))
    a, b = np.argsort(rng.random((n, SEQ_LEN)), axis=1)[:, :2].T
    x[np.arange(n), a], x[np.arange(n), b] = 0, 1  # A at a, B at b
    return x, (a < b).astype(np.float32)
(x_train, y_train), (x_test, y_test) = make(N_TRAIN), make(N_TEST)
print("first sequence:", x_train[0], "label:", int(y_train[0]))
print(f"share of A-before-B, train: {y_train.mean():.3f}, "
      f"test: {y_test.mean():.3f}")
# %% Baselines: two that cannot see order, and one that can
print(f"majority class, test accuracy: "
      f"{max(y_test.mean(), 1 - y_test.mean()):.3f}")
counts = lambda x: np.stack([(x == t).sum(axis=1) for t in range(VOCAB)], 1)
one_hot = lambda x: np.eye(VOCAB)[x].reshape(len(x), -1)  # token at each pos
for name, features in (("bag of tokens (counts)", counts),
                       ("one-hot token at each position", one_hot)):
    linear = LogisticRegression(max_iter=1000).fit(features(x_train), y_train)
    print(f"logistic regression, {name}, test accuracy: "
          f"{linear.score(features(x_test), y_test):.3f}")
# %% Sinusoidal positions (day 71) and an encoder block, post-norm
def positional_encoding(max_len, d_model):
    angle = torch.arange(max_len)[:, None] / 10000 ** (
        torch.arange(0, d_model, 2) / d_model)
    return torch.stack([angle.sin(), angle.cos()], -1).reshape(max_len, -1)
class EncoderBlock(nn.Module):  # post-norm, as in Vaswani et al. (2017)
    def __init__(self):
        super().__init__()
        self.attention = nn.MultiheadAttention(D_MODEL, HEADS,
                                               batch_first=True)
        self.norm1 = nn.LayerNorm(D_MODEL, eps=EPS)
        self.norm2 = nn.LayerNorm(D_MODEL, eps=EPS)
        self.ffn = nn.Sequential(nn.Linear(D_MODEL, D_FF), nn.ReLU(),
                                 nn.Linear(D_FF, D_MODEL))
    def forward(self, x):
        x = self.norm1(x + self.attention(x, x, x, need_weights=False)[0])
        return self.norm2(x + self.ffn(x))  # residual, then normalise
# %% The classifier: embed, add positions, one block, mean, one logit
class Classifier(nn.Module):
    def __init__(self, positions=True):
        super().__init__()
        self.embed = nn.Embedding(VOCAB, D_MODEL)
        pe = positional_encoding(SEQ_LEN, D_MODEL) * positions  # or zeros
        self.register_buffer("pe", pe)  # saved with the model, not trained
        self.block = EncoderBlock()
        self.out = nn.Linear(D_MODEL, 1)
    def forward(self, x):
        h = self.block(self.embed(x) + self.pe)
        return self.out(h.mean(dim=1)).squeeze(-1)
# %% A fresh start per seed: initial weights and Adam's state
X_train, Y_train = torch.tensor(x_train), torch.tensor(y_train)
X_test = torch.tensor(x_test)
def fresh_model(seed, positions):
    torch.manual_seed(seed)
    model = Classifier(positions)  # this seed's initial weights
    return model, torch.optim.Adam(model.parameters(), LEARNING_RATE)
# %% Training: Adam, ordinary backpropagation through the attention
def train(seed, positions=True):
    model, adam = fresh_model(seed, positions)
    loss_fn = nn.BCEWithLogitsLoss()
    for epoch in range(EPOCHS):
        for batch in torch.randperm(N_TRAIN).split(BATCH_SIZE):
            adam.zero_grad()
            loss_fn(model(X_train[batch]), Y_train[batch]).backward()
            adam.step()
    with torch.no_grad():
        right = (model(X_test) > 0).numpy() == (y_test == 1)
    return right.mean(), sum(p.numel() for p in model.parameters())
# %% Three seeds, with and without positions
start = fresh_model(0, True)[0].embed.weight.detach().numpy()  # seed 0
print(f"embedding std at the start, seed 0: {start.std():.3f}")
results = {}
for seed in SEEDS:
    (acc, n_params), (blind, _) = train(seed), train(seed, positions=False)
    results[seed] = acc, blind
    print(f"seed {seed}: test accuracy {acc:.3f}, no positions {blind:.3f}")
acc = np.array(list(results.values()))
print(f"parameters: {n_params}")
for name, a in zip(["with positions", "without positions"], acc.T):
    print(f"{name}: mean {a.mean():.3f}, min {a.min():.3f}, max {a.max():.3f}")
