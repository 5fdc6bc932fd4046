import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)

# The same synthetic data as day 3.
rng = np.random.default_rng(0)
true_w, true_b, noise = np.array([2.0, -3.4]), 4.2, 0.01
X = rng.normal(size=(1000, 2)).astype(np.float32)
y = (X @ true_w + true_b + rng.normal(scale=noise, size=1000)).astype(np.float32).reshape(-1, 1)
print("true w:", true_w.tolist(), "true b:", true_b)

# A built-in layer; we overwrite its random start with day 3's, to compare like with like.
net = nn.Sequential(nn.Linear(2, 1))
layer = net[0]
print("weight shape (out, in):", tuple(layer.weight.shape))
with torch.no_grad():
    layer.weight.copy_(torch.from_numpy(rng.normal(scale=0.01, size=(2, 1)).astype(np.float32)).T)
    layer.bias.zero_()

# Built-in loss and optimizer; the DataLoader shuffles and batches.
loss_fn = nn.MSELoss()
optimizer = torch.optim.SGD(net.parameters(), lr=0.03)
loader = DataLoader(TensorDataset(torch.from_numpy(X), torch.from_numpy(y)), batch_size=10, shuffle=True)
for epoch in range(3):
    batch_losses = []
    for X_batch, y_batch in loader:
        optimizer.zero_grad()
        loss = loss_fn(net(X_batch), y_batch)
        loss.backward()
        optimizer.step()
        batch_losses.append(loss.item())
    print(f"epoch {epoch + 1}: mean minibatch loss {np.mean(batch_losses):.3e}")

w, b = layer.weight.detach().numpy().ravel(), layer.bias.item()
print("learned w:", [round(v, 4) for v in w.tolist()], "learned b:", round(b, 4))
print("error in w:", round(float(np.max(np.abs(w - true_w))), 4))
print("error in b:", round(abs(b - true_b), 4))
