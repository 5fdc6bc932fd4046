# %% Settings
import numpy as np
import torch

N = 200  # samples
D = 8  # features, with scales from 0.1 to 10
NOISE = 0.1
WEIGHT_DECAY = 0.1  # matches a loss term 0.5 * WEIGHT_DECAY * |w|^2
LEARNING_RATE = 0.01
EPSILON = 1e-8  # Adam's epsilon, set in both frameworks (Keras: 1e-7)
STEPS = 1000  # the first checkpoint
LONG_STEPS = 5000  # the second, for AdamW
MOMENTUM = 0.9  # for the momentum pair, run for STEPS
SEED = 0
print(f"N: {N}\nD: {D}\nNOISE: {NOISE}\nWEIGHT_DECAY: {WEIGHT_DECAY}")
print(f"LEARNING_RATE: {LEARNING_RATE}\nEPSILON: {EPSILON}\n"
      f"MOMENTUM: {MOMENTUM}")
print(f"STEPS: {STEPS}\nLONG_STEPS: {LONG_STEPS}\nSEED: {SEED}")

# %% Data, and two closed forms: ridge and no penalty
rng = np.random.default_rng(SEED)
scales = np.logspace(-1, 1, D)
X = (rng.standard_normal((N, D)) * scales).astype(np.float32)
y = (X @ (1 / scales) + NOISE * rng.standard_normal(N)).astype(np.float32)
# the minimiser of 0.5 * mean squared error + 0.5 * WEIGHT_DECAY * |w|^2
ridge = np.linalg.solve(X.T @ X / N + WEIGHT_DECAY * np.eye(D), X.T @ y / N)
plain = np.linalg.lstsq(X, y)[0]  # no penalty: ordinary least squares
print("ridge weights:        ", np.round(ridge, 2))
print("least-squares weights:", np.round(plain, 2))
X, y = torch.tensor(X), torch.tensor(y)

# %% Training, with the penalty in the loss or in the optimizer
def train(opt_class, l2_in_loss, checkpoints=(STEPS,), **kwargs):
    w = torch.zeros(D, requires_grad=True)
    opt = opt_class([w], lr=LEARNING_RATE, **kwargs)
    saved = []
    for step in range(1, max(checkpoints) + 1):
        loss = 0.5 * ((X @ w - y) ** 2).mean()
        if l2_in_loss:  # its gradient is WEIGHT_DECAY * w
            loss = loss + 0.5 * WEIGHT_DECAY * (w**2).sum()
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step in checkpoints:
            saved.append(w.detach().numpy().copy())
    return saved

# %% Five ways to fit one objective
runs = {
    "SGD, L2 in the loss": train(torch.optim.SGD, l2_in_loss=True),
    "SGD, weight_decay": train(torch.optim.SGD, l2_in_loss=False,
                               weight_decay=WEIGHT_DECAY),
    "Adam, L2 in the loss": train(torch.optim.Adam, l2_in_loss=True,
                                  eps=EPSILON),
    "Adam, weight_decay": train(torch.optim.Adam, l2_in_loss=False,
                                weight_decay=WEIGHT_DECAY, eps=EPSILON),
    "AdamW, weight_decay": train(torch.optim.AdamW, l2_in_loss=False,
                                 checkpoints=(STEPS, LONG_STEPS),
                                 weight_decay=WEIGHT_DECAY, eps=EPSILON),
}

# %% Distances at the checkpoints
def gap(a, b):
    return np.abs(a - b).max()

print(f"{'run':21} {'steps':>5} {'to ridge':>9} {'to least squares':>17}")
for name, saved in runs.items():
    for steps, w in zip((STEPS, LONG_STEPS), saved):
        print(f"{name:21} {steps:5} {gap(w, ridge):9.4f} {gap(w, plain):17.4f}")
sgd_gap = gap(*runs["SGD, L2 in the loss"], *runs["SGD, weight_decay"])
adam_gap = gap(runs["Adam, L2 in the loss"][0], runs["AdamW, weight_decay"][0])
print(f"SGD gap (L2 in loss vs decay in optimizer): {sgd_gap:.1e}")
print(f"Adam gap (L2 in loss vs AdamW): {adam_gap:.3f}")
for steps, w in zip((STEPS, LONG_STEPS), runs["AdamW, weight_decay"]):
    print(f"AdamW weights at {steps} steps:", np.round(w, 2))

# %% Pitfalls: factors of two, and the learning rate
w = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
print(f"0.5 * WEIGHT_DECAY * |w|^2: {0.5 * WEIGHT_DECAY * 14:.2f}")
print("keras L2(WEIGHT_DECAY) penalty: no such regularizer in PyTorch")
opt = torch.optim.SGD([w], lr=LEARNING_RATE, weight_decay=WEIGHT_DECAY)
w.grad = torch.zeros(3)  # no data gradient: decay only
opt.step()
print("one SGD step with weight_decay, no gradient:", w.detach().numpy())
print(f"1 - LEARNING_RATE * WEIGHT_DECAY: {1 - LEARNING_RATE * WEIGHT_DECAY}")

# %% With momentum: L2 in the loss against weight_decay= again
momentum = dict(momentum=MOMENTUM)  # STEPS steps, as above
in_loss = train(torch.optim.SGD, l2_in_loss=True, **momentum)[0]
decayed = train(torch.optim.SGD, l2_in_loss=False, weight_decay=WEIGHT_DECAY,
                **momentum)[0]
print(f"SGD momentum gap after {STEPS} steps: "
      f"{gap(in_loss, decayed):.1e}")
