import torch
from torch import nn

torch.manual_seed(0)
p = 0.5
drop = nn.Dropout(p)
x = torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0])
batch = x.repeat(20_000, 1)  # 20,000 copies of the same five numbers

drop.train()  # training mode: a fresh random mask on every call
print("input:", x.tolist())
print("training, one pass:", drop(x).tolist())
print("training, another pass:", drop(x).tolist())
out = drop(batch)
print("training, fraction zeroed:", f"{(out == 0).float().mean().item():.4f}")
print("training, kept values scaled by 1/(1-p):", torch.equal(out[out != 0], batch[out != 0] / (1 - p)))
print("training, mean over copies:", [round(v, 3) for v in out.mean(dim=0).tolist()])

drop.eval()  # evaluation mode: the identity
print("eval, one pass:", drop(x).tolist())
print("eval, output equals input:", torch.equal(drop(batch), batch))

# The same switch for a whole model: .train() and .eval() reach every layer inside.
model = nn.Sequential(nn.Linear(5, 100), nn.Dropout(p))
for training in [False, True]:
    model.train(training)  # model.train(False) is model.eval()
    print(f"model with training={training}, two calls agree:", torch.equal(model(x), model(x)))
