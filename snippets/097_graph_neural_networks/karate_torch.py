# %% Settings
import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import torch
from torch import nn
torch.set_num_threads(1)  # tiny matrices: one thread is fastest

SEEDS = (0, 1, 2)  # initialisation of the GCN and of the MLP
LABELLED = (0, 33)  # one labelled node per club: Mr. Hi and Officer
HIDDEN = 16  # hidden units; the plot shows a 2-d projection of them
STEPS = 300  # full-batch Adam steps on the two labelled nodes
LEARNING_RATE = 0.01
ALPHA = 0.9  # label spreading: weight of the neighbours vs the seed labels
for name in ["SEEDS", "LABELLED", "HIDDEN", "STEPS", "LEARNING_RATE",
             "ALPHA"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: karate club, A_hat as before, features = identity (one-hot)
graph = nx.karate_club_graph()
adj = nx.to_numpy_array(graph, weight=None)  # 0/1 adjacency, no weights
a_tilde = adj + np.eye(len(adj))  # self-loops
d = a_tilde.sum(1)
a_hat_np = a_tilde / np.sqrt(np.outer(d, d))  # D^-1/2 (A + I) D^-1/2
y = np.array([graph.nodes[i]["club"] == "Officer" for i in graph], int)
unlabelled = np.setdiff1d(np.arange(len(y)), LABELLED)
print("nodes:", len(y), "Officer:", y.sum(), "unlabelled:", len(unlabelled))

# %% Baseline: label spreading, F = (I - alpha A_hat)^-1 Y, closed form
seed_labels = np.zeros((len(y), 2))
seed_labels[list(LABELLED), y[list(LABELLED)]] = 1.0
f = np.linalg.solve(np.eye(len(y)) - ALPHA * a_hat_np, seed_labels)
spread = f.argmax(1)
print(f"label spreading accuracy: {(spread == y)[unlabelled].mean():.4f}",
      "wrong:", unlabelled[spread[unlabelled] != y[unlabelled]].tolist())


# %% Model: 2-layer GCN, logits = A_hat relu(A_hat X W1) W2; MLP: no A_hat
class GCN(nn.Module):
    def __init__(self):
        super().__init__()
        self.w1 = nn.Linear(len(y), HIDDEN, bias=False)
        self.w2 = nn.Linear(HIDDEN, 2, bias=False)

    def forward(self, x, propagate):  # propagate: A_hat (GCN) or I (MLP)
        hidden = torch.relu(propagate @ self.w1(x))
        return propagate @ self.w2(hidden), hidden


# %% Training: cross-entropy on the labelled nodes only, full batch
x, labels = torch.eye(len(y)), torch.tensor(y)
def fit(model, propagate):
    opt = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
    for step in range(STEPS):
        logits = model(x, propagate)[0][list(LABELLED)]
        loss = nn.functional.cross_entropy(logits, labels[list(LABELLED)])
        opt.zero_grad()
        loss.backward()
        opt.step()

# %% One run: this seed's initial weights, a fresh Adam
def train(propagate, seed):
    torch.manual_seed(seed)
    model = GCN()
    w1_start = model.w1.weight.detach().clone()
    fit(model, propagate)
    moved = (model.w1.weight.detach() - w1_start).abs().amax(0)  # per node
    with torch.no_grad():
        logits, hidden = model(x, propagate)
    pred = logits.argmax(1).numpy()
    wrong = unlabelled[pred[unlabelled] != y[unlabelled]].tolist()
    return 1 - len(wrong) / len(unlabelled), wrong, moved.numpy(), hidden

# %% Accuracy on the 32 unlabelled nodes, per seed
a_hat, eye = torch.tensor(a_hat_np, dtype=torch.float32), torch.eye(len(y))
for seed in SEEDS:
    gcn_acc, gcn_wrong, _, gcn_hidden = train(a_hat, seed)
    mlp_acc, _, mlp_moved, _ = train(eye, seed)
    print(f"seed {seed}: GCN {gcn_acc:.4f} (wrong {gcn_wrong}), MLP "
          f"{mlp_acc:.4f}, its unseen weights moved "
          f"{mlp_moved[unlabelled].max():.1e}")

# %% The hidden layer of the last seed's GCN, projected to 2-d (PCA)
hidden = gcn_hidden.numpy()
hidden = hidden - hidden.mean(0)
coords = hidden @ np.linalg.svd(hidden, full_matrices=False)[2][:2].T
plt.scatter(*coords.T, c=y, cmap="coolwarm", s=40)
plt.scatter(*coords[list(LABELLED)].T, c=y[list(LABELLED)], cmap="coolwarm",
            marker="*", s=400, edgecolors="k", label="labelled")
plt.title("GCN hidden layer (PCA to 2-d): Mr. Hi blue, Officer red")
plt.xlabel("principal component 1")
plt.ylabel("principal component 2")
plt.legend(loc="center")
plt.show()
