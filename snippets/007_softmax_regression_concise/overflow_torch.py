import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn.functional as F

logits = torch.tensor([[1000.0, 999.0, 998.0], [100.0, 0.0, -100.0]])  # float32
labels = torch.tensor([0, 2])
print(f"float32 max: {np.finfo(np.float32).max:.4g}, exp(89) in float32: {float(torch.exp(torch.tensor(89.0)))}")

def naive_softmax(Z):
    return torch.exp(Z) / torch.exp(Z).sum(dim=1, keepdim=True)

def shifted_softmax(Z):
    E = torch.exp(Z - Z.max(dim=1, keepdim=True).values)
    return E / E.sum(dim=1, keepdim=True)

def nll(P, y):  # -log P[i, y_i]
    return -torch.log(P[torch.arange(len(y)), y])

def stable_cross_entropy(Z, y):  # logsumexp(Z) - Z[y], computed with the max taken out
    m = Z.max(dim=1).values
    logsumexp = m + torch.log(torch.exp(Z - m[:, None]).sum(dim=1))
    return logsumexp - Z[torch.arange(len(y)), y]

def fused(Z, y):  # the built-in: softmax and cross-entropy in one op
    return F.cross_entropy(Z, y, reduction="none")

show = lambda t: np.round(t.numpy().astype("float64"), 4).tolist()
print("naive softmax:", show(naive_softmax(logits)))
print("naive loss:", show(nll(naive_softmax(logits), labels)))
print("shifted softmax:", show(shifted_softmax(logits)))
print("shifted loss:", show(nll(shifted_softmax(logits), labels)))
print("stable by hand:", show(stable_cross_entropy(logits, labels)))
print("fused built-in:", show(fused(logits, labels)))

# Logits (s, 0, -s) with the middle class correct: the true loss is about s.
s = np.arange(0.0, 150.5, 0.5).astype("float32")
Z, y = torch.tensor(s[:, None] * [1.0, 0.0, -1.0], dtype=torch.float32), torch.ones(len(s), dtype=torch.long)
curves = {"naive": nll(naive_softmax(Z), y), "shifted": nll(shifted_softmax(Z), y), "fused": fused(Z, y)}
for name, loss in curves.items():
    finite = np.isfinite(loss.numpy())
    print(f"{name} loss finite up to s = {s[finite].max()}")
    plt.plot(s[finite], loss.numpy()[finite], lw=6 if name == "fused" else 2, alpha=0.5 if name == "fused" else 1,
             label=f"{name}: finite up to s = {s[finite].max()}", marker="X", markevery=[-1], ms=10)
plt.axvline(np.log(np.finfo(np.float32).max), color="gray", ls=":", label="ln(float32 max) = 88.7")
plt.xlabel("logit scale s, logits (s, 0, -s)")
plt.ylabel("cross-entropy of the middle class")
plt.title("naive and shifted losses stop; the fused one does not")
plt.legend()
plt.show()
