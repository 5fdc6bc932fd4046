# %% One dropout layer
import torch
from torch import nn

P = 0.5  # the probability of dropping, in both libraries
COPIES = 20_000
SEED = 0
print(f"P: {P}\nCOPIES: {COPIES}\nSEED: {SEED}")
torch.manual_seed(SEED)
drop = nn.Dropout(P)
x = torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0])
batch = x.repeat(COPIES, 1)  # copies of the same five numbers
print("input:", x.tolist())

# %% Training mode: a fresh random mask on every call
drop.train()
print("training, one pass:", drop(x).tolist())
print("training, another pass:", drop(x).tolist())
out = drop(batch)
zeroed = (out == 0).float().mean()
print(f"training, entries in the batch: {out.numel()}")
print(f"training, fraction zeroed: {zeroed.item():.4f}")
kept = out != 0
scaled = torch.equal(out[kept], batch[kept] / (1 - P))
print(f"training, kept values scaled by 1/(1-p): {scaled}")
means = out.mean(dim=0).tolist()
print("training, mean over copies:", [round(v, 3) for v in means])

# %% Evaluation mode: the identity
drop.eval()
print("eval, one pass:", drop(x).tolist())
same = torch.equal(drop(batch), batch)
print(f"eval, output equals input: {same}")

# %% A whole model: the switch reaches every layer inside
model = nn.Sequential(nn.Linear(5, 100), nn.Dropout(P))
# a new module starts in training mode
print(f"model, default mode, two calls agree: "
      f"{torch.equal(model(x), model(x))}")
for training in [False, True]:
    model.train(training)  # model.train(False) is model.eval()
    first = model(x)
    second = model(x)
    agree = torch.equal(first, second)
    print(f"model with training={training}, two calls agree: {agree}")

# %% A layer that records its mode
class Probe(nn.Module):  # records its mode and the share of zeros it gets
    def forward(self, inputs):
        zeros = (inputs == 0).float().mean().item()
        seen.append((self.training, zeros))
        return inputs


# %% Inside a training step, at prediction and at evaluation
seen = []
model = nn.Sequential(nn.Linear(5, 100), nn.Dropout(P), Probe(),
                      nn.Linear(100, 1))
opt = torch.optim.SGD(model.parameters(), lr=0.01)
model.train()  # what Keras's fit does for you: one step
loss = ((model(x[None]) - torch.ones(1, 1)) ** 2).mean()
opt.zero_grad()
loss.backward()
opt.step()
print(f"training step: training={seen[-1][0]}, zeroed {seen[-1][1]:.2f}")
model.eval()  # what Keras's predict and evaluate do for you
with torch.no_grad():
    first, second = model(x[None]), model(x[None])
print(f"prediction: training={seen[-1][0]}, zeroed {seen[-1][1]:.2f}")
print(f"prediction, two calls agree: {torch.equal(first, second)}")
with torch.no_grad():  # evaluation: still model.eval()
    loss = ((model(x[None]) - torch.ones(1, 1)) ** 2).mean()
print(f"evaluation: training={seen[-1][0]}, zeroed {seen[-1][1]:.2f}")
