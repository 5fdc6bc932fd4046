# %% Settings and data
import numpy as np
import torch
from torch import nn

SEED = 0
N = 64  # examples
N_IN = 4
LEARNING_RATE = 0.01
STEPS = 20  # Adam steps before the checkpoint, and again after it
FACTOR = 2.0  # the argument of the custom layer Scale
for name in ["SEED", "N", "N_IN", "LEARNING_RATE", "STEPS", "FACTOR"]:
    print(f"{name}: {globals()[name]}")
torch.manual_seed(SEED)
rng = np.random.default_rng(SEED)
X = torch.tensor(rng.normal(size=(N, N_IN)), dtype=torch.float32)
y = X @ torch.tensor(rng.normal(size=(N_IN, 1)), dtype=torch.float32)


# %% A custom layer
def fails(f):  # the error's name, or "no"
    try:
        f()
        return "no"
    except Exception as error:
        return type(error).__name__


def scale(factor):  # a small model, built in code
    model = nn.Linear(N_IN, N_IN, bias=False)
    with torch.no_grad():
        model.weight.copy_(torch.eye(N_IN) * factor)
    return model


# %% What a saved custom layer needs
torch.save(scale(FACTOR), "whole.pt")  # pickles the module object
print("whole module pickled, torch.load fails:",
      fails(lambda: torch.load("whole.pt")))  # weights_only=True
print("whole module, weights_only=False, fails:",  # runs pickled code
      fails(lambda: torch.load("whole.pt", weights_only=False)))
torch.save(scale(FACTOR).state_dict(), "weights.pt")  # tensors only
print("a state_dict into a model built in code, fails:",
      fails(lambda: scale(1).load_state_dict(torch.load("weights.pt"))))


# %% Train, then save a checkpoint
def step(model, optimizer):
    loss = ((model(X) - y) ** 2).mean()
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()


model = nn.Linear(N_IN, 1)
optimizer = torch.optim.Adam(model.parameters(), LEARNING_RATE)
for _ in range(STEPS):
    step(model, optimizer)
state = {"model": model.state_dict(), "optimizer": optimizer.state_dict()}
torch.save(state, "checkpoint.pt")  # the weights and the optimizer state

# %% Two restarts: with and without the optimizer state
checkpoint = torch.load("checkpoint.pt")
restored = nn.Linear(N_IN, 1)
restored.load_state_dict(checkpoint["model"])
restored_optimizer = torch.optim.Adam(restored.parameters(), LEARNING_RATE)
restored_optimizer.load_state_dict(checkpoint["optimizer"])
fresh = nn.Linear(N_IN, 1)  # the weights copied, Adam started afresh
fresh.load_state_dict(model.state_dict())
fresh_optimizer = torch.optim.Adam(fresh.parameters(), LEARNING_RATE)

# %% Resume all three, and compare with the uninterrupted run
pairs = [(model, optimizer), (restored, restored_optimizer)]
for _ in range(STEPS):
    for m, opt in [*pairs, (fresh, fresh_optimizer)]:
        step(m, opt)
with torch.no_grad():
    for name, other in [("fresh", fresh), ("restored", restored)]:
        gap = float((model(X) - other(X)).abs().max())
        print(f"{name} optimizer, max |difference| after resuming: {gap:.4f}",
              f"(zero: {gap == 0})")
