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


# %% Weights without the optimizer state
def step(model, optimizer):
    loss = ((model(X) - y) ** 2).mean()
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()


model = nn.Linear(N_IN, 1)
optimizer = torch.optim.Adam(model.parameters(), LEARNING_RATE)
for _ in range(STEPS):
    step(model, optimizer)
fresh = nn.Linear(N_IN, 1)  # the weights copied, Adam started afresh
fresh.load_state_dict(model.state_dict())
fresh_optimizer = torch.optim.Adam(fresh.parameters(), LEARNING_RATE)
for _ in range(STEPS):
    step(model, optimizer)
    step(fresh, fresh_optimizer)
with torch.no_grad():
    gap = float((model(X) - fresh(X)).abs().max())
print(f"fresh optimizer, max |difference| after resuming: {gap:.4f}")
