# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import torch

DATA_SEED = 0
MORE_SEEDS = (1, 2)  # fresh data for the variance check only
DIMS = (4, 16, 64, 256, 1024)  # sizes d of the query and key vectors
PAIRS = 10000  # random (q, k) pairs per d, for the variance of q . k
QUERIES = 500  # random queries per d, for the softmax statistics
KEYS = 16  # keys each query is scored against
for name in ["DATA_SEED", "MORE_SEEDS", "DIMS", "PAIRS", "QUERIES",
             "KEYS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
rng = np.random.default_rng(DATA_SEED)
def draw(*shape, gen=None):  # independent entries, mean 0, var 1
    return torch.from_numpy(
        (gen or rng).standard_normal(shape, dtype=np.float32))

# %% The variance of q . k grows like d
print("var/d = var(q.k / sqrt(d)), standard error sqrt((2 + 6/d) / PAIRS)")
print("     d   mean q.k   var q.k   var/d   standard error")
def products(d, gen=None):  # PAIRS dot products q . k of size-d vectors
    q, k = draw(PAIRS, d, gen=gen), draw(PAIRS, d, gen=gen)
    return (q * k).sum(dim=1)
variances = []
for d in DIMS:
    dots = products(d)
    var = dots.var().item()
    variances.append(var)
    scaled = (dots / np.sqrt(d)).var().item()  # the same as var / d
    se = np.sqrt((2 + 6 / d) / PAIRS)  # from E[(q.k)^4] = 3d^2 + 6d
    print(f"{d:6d} {dots.mean():10.3f} {var:9.1f} {scaled:7.3f} {se:16.3f}")
for seed in MORE_SEEDS:  # other data: is seed 0's var/d < 1 chance or bias?
    gen = np.random.default_rng(seed)  # rng, and so all else, is unchanged
    ratios = [products(d, gen).var().item() / d for d in DIMS]
    print(f"var/d, data seed {seed}:", " ".join(f"{r:.3f}" for r in ratios))

# %% What large scores do to the softmax and its gradient
def softmax_stats(scores):  # scores: (rows, KEYS), one row per query
    p = torch.softmax(scores, dim=-1)
    jac = torch.func.vmap(torch.func.jacrev(lambda s: s.softmax(-1)))(
        scores)  # (rows, KEYS, KEYS): d p_i / d s_j for each query
    return (p.max(dim=-1).values.numpy(),  # largest weight, per query
            jac.flatten(1).norm(dim=1).numpy())  # |J|_F, per query

# %% Unscaled against scaled scores, for each d
print("          largest weight     share > 0.99    gradient |J|_F")
print("     d  unscaled  scaled   unscaled  scaled  unscaled  scaled")
scores = []  # for each d: unscaled, then scaled, (QUERIES, KEYS) each
for d in DIMS:
    q, k = draw(QUERIES, 1, d), draw(QUERIES, KEYS, d)
    raw = (q * k).sum(dim=-1)  # unscaled scores q . k
    scores += [raw, raw / np.sqrt(d)]
top, jac = softmax_stats(torch.cat(scores))  # one call for all d
top, jac = (a.reshape(len(DIMS), 2, QUERIES) for a in (top, jac))
stats = np.stack([top.mean(-1), (top > 0.99).mean(-1), jac.mean(-1)], -1)
for d, (un, sc) in zip(DIMS, stats):  # (largest, share, |J|) for each
    print(f"{d:6d} {un[0]:9.3f} {sc[0]:7.3f} {un[1]:10.3f} {sc[1]:7.3f} "
          f"{un[2]:9.3f} {sc[2]:7.3f}")
print(f"uniform weights (1/{KEYS}): {1 / KEYS:.4f}")

# %% Figure
fig, (left, right) = plt.subplots(1, 2, figsize=(9, 4), layout="constrained")
left.loglog(DIMS, variances, "o-", label="measured var(q . k)")
left.loglog(DIMS, DIMS, "k--", label="d")
left.set(xlabel="d", ylabel="variance")
left.legend()
right.semilogx(DIMS, stats[:, 0, 2], "o-", label="q . k")
right.semilogx(DIMS, stats[:, 1, 2], "s-", label="q . k / sqrt(d)")
right.set(xlabel="d", ylabel="softmax Jacobian, mean |J|_F")
right.legend()
fig.suptitle("PyTorch: var(q . k) grows like d; unscaled scores kill "
             "the softmax gradient")
plt.show()
