# %% Settings
import networkx as nx
import numpy as np
import torch
from torch import nn

SEED = 0  # draws H and W with NumPy, so both twins get the same numbers
IN_FEATURES = 4
OUT_FEATURES = 2
for name in ["SEED", "IN_FEATURES", "OUT_FEATURES"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% The graph and the inputs: karate club, random H and W from NumPy
graph = nx.karate_club_graph()
adj = nx.to_numpy_array(graph, weight=None)  # 0/1 adjacency, no weights
rng = np.random.default_rng(SEED)
h0 = rng.normal(size=(len(adj), IN_FEATURES))
w0 = rng.normal(size=(IN_FEATURES, OUT_FEATURES))
print("nodes:", len(adj), "edges:", int(adj.sum() / 2))
print("degree min/max:", int(adj.sum(1).min()), int(adj.sum(1).max()))


# %% A_hat = D^-1/2 (A + I) D^-1/2 in framework ops
def normalise(a):
    a_tilde = a + torch.eye(len(a))  # self-loops
    d_inv_sqrt = a_tilde.sum(1).pow(-0.5)
    return d_inv_sqrt[:, None] * a_tilde * d_inv_sqrt[None, :]


# %% The GCN layer: H' = relu(A_hat H W)
class GCNLayer(nn.Module):
    def __init__(self, n_in, n_out):
        super().__init__()
        self.linear = nn.Linear(n_in, n_out, bias=False)

    def forward(self, a_hat, h):
        return torch.relu(a_hat @ self.linear(h))


a_hat = normalise(torch.tensor(adj, dtype=torch.float32))
layer = GCNLayer(IN_FEATURES, OUT_FEATURES)
with torch.no_grad():
    layer.linear.weight.copy_(torch.tensor(w0.T, dtype=torch.float32))
    out = layer(a_hat, torch.tensor(h0, dtype=torch.float32)).numpy()
for node in (0, 1, 33):
    print(f"H' node {node:2d}:", np.array2string(out[node], precision=4))
print("H' column sums:", np.array2string(out.sum(0), precision=4))

# %% Checked against a NumPy float64 reference
a_tilde = adj + np.eye(len(adj))
d = a_tilde.sum(1)
ref = np.maximum(a_tilde / np.sqrt(np.outer(d, d)) @ h0 @ w0, 0.0)
print(f"max |ours - float64 reference|: {np.abs(out - ref).max():.1e}")

# %% Spectrum: what the self-loops and the renormalisation do
a = torch.tensor(adj)
d_inv_sqrt = a.sum(1).pow(-0.5)
sym = d_inv_sqrt[:, None] * a * d_inv_sqrt[None, :]  # D^-1/2 A D^-1/2
operators = {"A": a, "I + D^-1/2 A D^-1/2": torch.eye(len(a)) + sym,
             "A_hat": normalise(a)}
for name, m in operators.items():
    ev = torch.linalg.eigvalsh(m)
    print(f"eigenvalues of {name}: min {ev.min():.4f}, max {ev.max():.4f}")

# %% Propagating K times: ||M^K H|| / ||H|| for each operator
h = torch.tensor(h0)
hs = {name: h for name in operators}
print("K   " + "".join(f"{name:>22}" for name in operators))
for k in range(1, 21):
    hs = {name: m @ hs[name] for name, m in operators.items()}
    ratios = [float(x.norm() / h.norm()) for x in hs.values()]
    if k in (1, 2, 5, 10, 20):
        print(f"{k:<4}" + "".join(f"{r:22.3g}" for r in ratios))
