# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import torch

torch.set_num_threads(1)  # a model this small runs faster on one thread
DATA_SEED = 0  # the sequences; each seed draws the initial weights
SEEDS = (0, 1, 2)
SEQ_LEN = 30  # one marker in each half: the first is 15 to 29 steps back
N_TRAIN, N_TEST = 8000, 1000
HIDDEN = 16
BATCH_SIZE = 64
EPOCHS = 2
LEARNING_RATE = 0.02
for name in ["DATA_SEED", "SEEDS", "SEQ_LEN", "N_TRAIN", "N_TEST", "HIDDEN",
             "BATCH_SIZE", "EPOCHS", "LEARNING_RATE"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
print(f"updates per seed: {EPOCHS * -(-N_TRAIN // BATCH_SIZE)}")

# %% The adding problem: add the two marked values
def adding(rng, n):  # channel 0: values in [0, 1]; channel 1: two markers
    values = rng.uniform(0, 1, (n, SEQ_LEN))
    markers = np.zeros((n, SEQ_LEN))
    rows = np.arange(n)
    markers[rows, rng.integers(0, SEQ_LEN // 2, n)] = 1  # first half
    markers[rows, rng.integers(SEQ_LEN // 2, SEQ_LEN, n)] = 1  # second half
    x = np.stack([values, markers], axis=-1).astype("float32")
    return x, (values * markers).sum(axis=1, keepdims=True).astype("float32")
half = SEQ_LEN // 2
print(f"steps back: earlier marker {SEQ_LEN - half} to {SEQ_LEN - 1}, "
      f"later marker 0 to {SEQ_LEN - half - 1}")
rng = np.random.default_rng(DATA_SEED)
X_train, y_train = map(torch.tensor, adding(rng, N_TRAIN))
X_test, y_test = map(torch.tensor, adding(rng, N_TEST))
print(f"baseline MSE, predicting the mean 1: exact 1/6 = {1 / 6:.4f}, "
      f"on the test set {((y_test - 1) ** 2).mean().item():.4f}")
later = (X_test[:, SEQ_LEN // 2:].prod(dim=-1).sum(dim=1, keepdim=True)
         + 0.5)  # knows the later marked value, guesses 0.5 for the other
print(f"MSE knowing only the later value: exact 1/12 = {1 / 12:.4f}, "
      f"on the test set {((y_test - later) ** 2).mean().item():.4f}")

# %% The model: a GRU, then a linear readout of the last state
class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = torch.nn.GRU(2, HIDDEN, batch_first=True)
        self.out = torch.nn.Linear(HIDDEN, 1)
    def forward(self, x):
        return self.out(self.rnn(x)[0][:, -1])
print("parameters:", sum(p.numel() for p in Net().parameters()))

# %% Training: Adam on the mean squared error, EPOCHS passes
def train(seed):
    torch.manual_seed(seed)
    model = Net()
    adam = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
    for epoch in range(EPOCHS):
        for batch in torch.randperm(N_TRAIN).split(BATCH_SIZE):
            loss = ((model(X_train[batch]) - y_train[batch]) ** 2).mean()
            adam.zero_grad()
            loss.backward()
            adam.step()
    with torch.no_grad():
        prediction = model(X_test)
    return prediction.numpy(), ((prediction - y_test) ** 2).mean().item()

# %% Three seeds
results = [train(seed) for seed in SEEDS]
mses = np.array([mse for _, mse in results])
for seed, (prediction, mse) in zip(SEEDS, results):
    print(f"seed {seed}: test MSE {mse:.4f}, "
          f"prediction std {prediction.std():.3f}")
print(f"target std {y_test.std():.3f}; test MSE: mean {mses.mean():.4f}, "
      f"min {mses.min():.4f}, max {mses.max():.4f}")

# %% Figure: predicted against true sums, seed 0
fig, ax = plt.subplots()
ax.scatter(y_test.numpy(), results[0][0], s=4, alpha=0.5)
ax.plot([0, 2], [0, 2], color="gray", linestyle="--")
ax.set(xlabel="true sum", ylabel="predicted sum")
ax.set_title(f"PyTorch: a GRU on the adding problem, T = {SEQ_LEN}")
plt.show()
