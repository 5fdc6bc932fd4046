# %% Settings and data
import numpy as np
import torch
from torch import nn

SEED = 0
N = 64  # examples
N_IN = 4  # the model 4 -> 16 -> 1
UNITS = 16
LEARNING_RATE = 0.01
STEPS = 20  # Adam steps before the checkpoint
MORE_STEPS = 10  # after it, on the original and on the reloaded copy
for name in ["SEED", "N", "N_IN", "UNITS", "LEARNING_RATE", "STEPS"]:
    print(f"{name}: {globals()[name]}")
print(f"MORE_STEPS: {MORE_STEPS}")
torch.manual_seed(SEED)
rng = np.random.default_rng(SEED)
X = torch.tensor(rng.normal(size=(N, N_IN)), dtype=torch.float32)
y = X @ torch.tensor(rng.normal(size=(N_IN, 1)), dtype=torch.float32)


# %% A custom layer that can be saved
class MyDense(nn.Module):
    def __init__(self, in_units, units):
        super().__init__()
        weight = nn.init.xavier_uniform_(torch.empty(in_units, units))
        self.weight = nn.Parameter(weight)
        self.bias = nn.Parameter(torch.zeros(units))

    def forward(self, x):
        return torch.relu(x @ self.weight + self.bias)


def make():  # the architecture lives in code: a state_dict holds only tensors
    return nn.Sequential(MyDense(N_IN, UNITS), nn.Linear(UNITS, 1))


# %% Train to the checkpoint
def train_step(model, optimizer):
    loss = ((model(X) - y) ** 2).mean()
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()


model = make()
optimizer = torch.optim.Adam(model.parameters(), LEARNING_RATE)
for _ in range(STEPS):
    train_step(model, optimizer)
with torch.no_grad():
    print(f"loss at the checkpoint: {((model(X) - y) ** 2).mean():.4f}")

# %% Save and load
# the weights and the optimizer state, as tensors
state = {"model": model.state_dict(), "optimizer": optimizer.state_dict()}
torch.save(state, "checkpoint.pt")  # in the working directory
print("saved: checkpoint.pt holding", sorted(state))
print("model tensors:", sorted(state["model"]))
checkpoint = torch.load("checkpoint.pt")  # weights_only=True by default
restored = make()
restored.load_state_dict(checkpoint["model"])
restored_optimizer = torch.optim.Adam(restored.parameters(), LEARNING_RATE)
restored_optimizer.load_state_dict(checkpoint["optimizer"])
print("restored layer types:", [type(l).__name__ for l in restored])
with torch.no_grad():
    gap = float((model(X) - restored(X)).abs().max())
print("max |difference| in predictions:", gap)

# %% Resume: more steps on the original and on the restored copy
for _ in range(MORE_STEPS):
    train_step(model, optimizer)
    train_step(restored, restored_optimizer)
with torch.no_grad():
    gap = float((model(X) - restored(X)).abs().max())
    print("max |difference| after resuming:", gap)
    print(f"loss after resuming: {((model(X) - y) ** 2).mean():.4f}")
