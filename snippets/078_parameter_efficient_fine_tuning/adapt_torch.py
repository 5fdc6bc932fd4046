# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn
torch.set_num_threads(1)  # small models: one thread

D, HIDDEN, CLASSES, TEACHER = 16, 64, 4, 32  # input, model, classes
N_A, N_B, N_TEST = 2000, 500, 2000  # task A, task B (few), test on B
BASE_STEPS, STEPS, LEARNING_RATE = 300, 200, 0.01  # full batch, Adam
RANKS, ALPHA, SHIFT = (1, 4), 4, 1.0  # SHIFT: size of B's rank-1 change
DATA_SEED, SEEDS = 0, (0, 1, 2)
for name in [k for k in list(globals()) if k.isupper()]:  # the settings
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
# %% Two related tasks: B's teacher = A's with a rank-1 change
rng = np.random.default_rng(DATA_SEED)
w1, w2 = rng.normal(size=(D, TEACHER)), rng.normal(size=(TEACHER, CLASSES))
w1_b = w1 + SHIFT * rng.normal(size=(D, 1)) @ rng.normal(size=(1, TEACHER))
teacher = lambda x, w: np.argmax(np.maximum(x @ w, 0) @ w2, axis=1)
def make(n, w):  # inputs and the teacher's class
    x = rng.normal(size=(n, D))
    return torch.tensor(x, dtype=torch.float32), torch.tensor(teacher(x, w))
(xa, ya), (xb, yb) = make(N_A, w1), make(N_B, w1_b)
xt, yt = make(N_TEST, w1_b)  # test inputs, labelled by B's teacher
changed = np.mean(teacher(xt.double().numpy(), w1) != yt.numpy())
print(f"test labels that change from A's teacher to B's: {changed:.3f}")
# %% The LoRA layer of the lora snippet, and a way to wrap a model
class LoRALinear(nn.Module):
    def __init__(self, base, rank):
        super().__init__()
        self.base, self.scale = base.requires_grad_(False), ALPHA / rank
        self.A = nn.Parameter(torch.randn(rank, base.in_features)
                              * base.in_features ** -0.5)  # not on r
        self.B = nn.Parameter(torch.zeros(base.out_features, rank))
    def forward(self, x):
        return self.base(x) + self.scale * (x @ self.A.T) @ self.B.T
def with_lora(model, rank):  # every Linear wrapped, everything else frozen
    layers = [LoRALinear(m, rank) if isinstance(m, nn.Linear)
              else m for m in model]
    return nn.Sequential(*layers)
# %% Training and scoring
def train(model, params, x, y, steps):
    adam = torch.optim.Adam(params, LEARNING_RATE)
    for step in range(steps):
        adam.zero_grad()
        nn.functional.cross_entropy(model(x), y).backward()
        adam.step()
    return model
@torch.no_grad()
def accuracy(model):  # on task B's test set
    return (model(xt).argmax(1) == yt).float().mean().item()
count = lambda params: sum(p.numel() for p in params if p.requires_grad)
# %% The base model (trained on A), and four ways to adapt it to B
def base_model(seed):
    torch.manual_seed(seed)  # initial weights; the LoRA A matrices too
    base = nn.Sequential(nn.Linear(D, HIDDEN), nn.ReLU(), nn.Linear(
        HIDDEN, HIDDEN), nn.ReLU(), nn.Linear(HIDDEN, CLASSES))
    return train(base, base.parameters(), xa, ya, BASE_STEPS)
METHODS = [f"LoRA r={r}" for r in RANKS] + ["head only", "full fine-tuning"]
def adapt(base, method):  # the tuned model and its trainable parameters
    model = with_lora(base, int(method[-1])) if "LoRA" in method else base
    params = [p for p in model.parameters() if p.requires_grad]
    if method == "head only":
        params = list(base[-1].parameters())
    return accuracy(train(model, params, xb, yb, STEPS)), count(params)
# %% Per seed: the base model's accuracy on B, then each method, same steps
rows, sizes = {}, {}  # accuracies per seed; trainable parameters
for seed in SEEDS:
    base = base_model(seed)
    state = {k: v.clone() for k, v in base.state_dict().items()}
    results = {"base, no tuning": (accuracy(base), 0)}
    for method in METHODS:
        base.load_state_dict(state), base.requires_grad_(True)  # fresh
        results[method] = adapt(base, method)
    for name, (acc, n) in results.items():
        rows.setdefault(name, []).append(acc)
        sizes[name] = n
        print(f"seed {seed}, {name}: accuracy on B {acc:.3f}, trainable {n}")
# %% Summary over the seeds; accuracy against trainable parameters
fig, ax = plt.subplots(figsize=(6, 3.5), layout="constrained")
for name, accs in rows.items():
    print(f"{name}: mean {np.mean(accs):.3f}, min {min(accs):.3f}, "
          f"max {max(accs):.3f}")
    if sizes[name] == 0:  # the base model: a line to beat
        ax.axhline(np.mean(accs), color="gray", ls="--", label=name)
    else:
        ax.plot([sizes[name]] * len(accs), accs, "o", label=name)
ax.set(xscale="log", xticks=[250, 500, 1000, 2000, 5000], ylabel="accuracy",
       xlabel="trainable parameters (log scale)", title="Task B: accuracy of "
       "each seed against trainable parameters")
ax.minorticks_off()
ax.xaxis.set_major_formatter("{x:.0f}")
ax.legend(fontsize=8)
plt.show()
