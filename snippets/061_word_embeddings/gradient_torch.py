# %% Settings and data: the same table and sentences as the lookup snippet
import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

WORDS = ["<pad>", "a", "cat", "dog", "sat", "ran", "on", "the", "mat", "rug"]
EMBED_DIM = 4
DATA_SEED = 0
LEARNING_RATE = 0.1
for name in ["EMBED_DIM", "DATA_SEED", "LEARNING_RATE"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
index = {w: i for i, w in enumerate(WORDS)}
sentences = ["the cat sat on the mat", "the dog sat on the rug"]
ids = np.array([[index[w] for w in s.split()] for s in sentences])
rng = np.random.default_rng(DATA_SEED)
table = rng.normal(size=(len(WORDS), EMBED_DIM)).astype(np.float32)
upstream = rng.normal(size=ids.shape + (EMBED_DIM,)).astype(np.float32)
np.set_printoptions(precision=4, suppress=True, floatmode="fixed")

# %% A fresh Embedding layer holding the shared table
def make_embedding(sparse=False):  # an Embedding layer holding the table
    layer = nn.Embedding(len(WORDS), EMBED_DIM, sparse=sparse)
    with torch.no_grad():
        layer.weight.copy_(torch.tensor(table))
    return layer

# %% The gradient the layer hands back
# loss = sum(output * upstream), so d loss / d output = upstream
embedding = make_embedding()
loss = (embedding(torch.tensor(ids)) * torch.tensor(upstream)).sum()
loss.backward()
print("gradient type:", embedding.weight.grad.layout)  # dense by default
sparse = make_embedding(sparse=True)
(sparse(torch.tensor(ids)) * torch.tensor(upstream)).sum().backward()
grad = sparse.weight.grad
print("with sparse=True:", grad.layout, "coalesced:", grad.is_coalesced())
# _indices(): the raw, uncoalesced indices (.indices() would refuse them)
print("indices (one per token):", grad._indices()[0].tolist())
print("values shape:", tuple(grad._values().shape))

# %% As a dense table: non-zero only in the rows that were used
dense = embedding.weight.grad.numpy()  # shape (vocabulary, EMBED_DIM)
for word, row in zip(WORDS, dense):
    print(f"{word:>5}", row)
used = [WORDS[i] for i in np.flatnonzero(np.abs(dense).max(1) > 0)]
print("rows with a non-zero gradient:", " ".join(used))
print("rows exactly zero:", int((dense == 0).all(1).sum()))
the = upstream[ids == index["the"]].sum(0)  # 'the' occurs 4 times
print(f"'the' row minus its 4 upstream rows summed: "
      f"{np.abs(dense[index['the']] - the).max():.1e}")

# %% The same gradient through one-hot @ W
W = torch.tensor(table, requires_grad=True)
one_hot = F.one_hot(torch.tensor(ids), len(WORDS)).float()
((one_hot @ W) * torch.tensor(upstream)).sum().backward()
print("one-hot route gradient type:", W.grad.layout)
diff = np.abs(W.grad.numpy() - dense).max()
print(f"one-hot route vs lookup gradient, max abs difference: {diff:.1e}")

# %% A picture of the gradient table
fig, ax = plt.subplots(figsize=(5, 3.5))
limit = np.abs(dense).max()
ax.imshow(dense, cmap="coolwarm", vmin=-limit, vmax=limit, aspect="auto")
ax.set_yticks(range(len(WORDS)), WORDS)
ax.set_xticks(range(EMBED_DIM))
ax.set_xlabel("embedding dimension")
ax.set_title("Embedding gradient: zero rows for unused words")
fig.tight_layout()
plt.show()

# %% One update: plain SGD moves only the rows used, Adam and AdamW more
batches = [ids, np.full((1, 3), index["a"])]  # then a batch of 'a' only
WEIGHT_DECAY = 0.01  # AdamW's, set: the frameworks' defaults differ
optimizers = {torch.optim.SGD: {}, torch.optim.Adam: {},
              torch.optim.AdamW: {"weight_decay": WEIGHT_DECAY}}
for make_optimizer, extra in optimizers.items():
    embedding, changed = make_embedding(), []
    optimizer = make_optimizer(embedding.parameters(), lr=LEARNING_RATE,
                               **extra)
    for batch in batches:
        before = embedding.weight.detach().clone()
        optimizer.zero_grad()
        loss = (embedding(torch.tensor(batch)) ** 2).sum()
        loss.backward()
        optimizer.step()
        moved = (embedding.weight.detach() - before).abs().amax(1) > 0
        changed.append([WORDS[i] for i in np.flatnonzero(moved)])
    for step, rows in enumerate(changed, 1):
        print(f"{make_optimizer.__name__}, step {step}, rows changed: "
              f"{len(rows)}: {' '.join(rows)}")
