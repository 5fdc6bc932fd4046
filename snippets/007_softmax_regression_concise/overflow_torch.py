# %% Two examples, and the float32 limit
import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn.functional as F

F32 = np.finfo(np.float32)
F32_MAX = F32.max
print(f"float32 max: {F32_MAX:.4g}, its log: {np.log(F32_MAX):.1f}")
print(f"smallest normal: {F32.tiny:.2g}, its log: {np.log(F32.tiny):.1f}")
half_subnormal = float(F32.smallest_subnormal) / 2
print(f"exp(x) rounds to 0 below x = {np.log(half_subnormal):.1f}")
print(f"exp(89) in float32: {float(torch.exp(torch.tensor(89.0)))}")
logits = torch.tensor([[1000.0, 999.0, 998.0], [100.0, 0.0, -100.0]])
labels = torch.tensor([0, 2])

# %% Two ways to compute softmax
def naive_softmax(Z):
    return torch.exp(Z) / torch.exp(Z).sum(dim=1, keepdim=True)

def shifted_softmax(Z):
    E = torch.exp(Z - Z.max(dim=1, keepdim=True).values)
    return E / E.sum(dim=1, keepdim=True)

# %% Three ways to compute the loss
def nll(P, y):  # -log P[i, y_i]
    return -torch.log(P[torch.arange(len(y)), y])

def stable_cross_entropy(Z, y):  # LSE(Z) - Z[y], the max taken out
    m = Z.max(dim=1).values
    lse = m + torch.log(torch.exp(Z - m[:, None]).sum(dim=1))
    return lse - Z[torch.arange(len(y)), y]

def fused(Z, y):  # the built-in: softmax and cross-entropy in one op
    return F.cross_entropy(Z, y, reduction="none")

# %% The two examples, four ways
def show(t):
    return np.round(t.numpy().astype("float64"), 4).tolist()

print("naive softmax:", show(naive_softmax(logits)))
print("naive loss:", show(nll(naive_softmax(logits), labels)))
print("shifted softmax:", show(shifted_softmax(logits)))
print("shifted loss:", show(nll(shifted_softmax(logits), labels)))
print("stable by hand:", show(stable_cross_entropy(logits, labels)))
print("fused built-in:", show(fused(logits, labels)))

# %% A sweep: logits (s, 0, -s), middle class correct, true loss about s
s = np.arange(0.0, 150.5, 0.5).astype("float32")
Z = torch.tensor(s[:, None] * [1.0, 0.0, -1.0], dtype=torch.float32)
y = torch.ones(len(s), dtype=torch.long)
curves = {
    "naive": nll(naive_softmax(Z), y).numpy(),
    "shifted": nll(shifted_softmax(Z), y).numpy(),
    "fused": fused(Z, y).numpy(),
}
last = {name: s[np.isfinite(loss)].max() for name, loss in curves.items()}
for name in curves:
    print(f"{name} loss finite up to s = {last[name]}")

# %% Figure
fig, ax = plt.subplots()
for name, loss in curves.items():
    ok = np.isfinite(loss)
    thick = name == "fused"
    ax.plot(s[ok], loss[ok], lw=6 if thick else 2, alpha=0.5 if thick else 1,
            label=f"{name}: finite up to s = {last[name]}",
            marker="X", markevery=[-1], ms=10)
ax.axvline(np.log(F32_MAX), color="gray", ls=":",
           label="ln(float32 max) = 88.7")
ax.set_xlabel("logit scale s, logits (s, 0, -s)")
ax.set_ylabel("cross-entropy of the middle class")
ax.set_title("PyTorch: naive and shifted losses stop, the fused one goes on")
ax.legend()
plt.show()

# %% Probabilities instead of logits
wrong = torch.tensor([[0.0, 0.0, 100.0]])  # label 0: the true loss is 100
label = torch.tensor([0])
probs = torch.softmax(wrong, dim=1)
# cross_entropy takes any input as logits and applies softmax again
print(f"cross_entropy on probabilities: {F.cross_entropy(probs, label):.4f}")
print(f"its largest possible value, ln(2 + e): {np.log(2 + np.e):.4f}")
print(f"cross_entropy on the logits: {F.cross_entropy(wrong, label):.3f}")
