# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn

DATA_SEED = 0  # the generated data, the same for every run
SEEDS = (0, 1, 2)  # initialisation and shuffling, one run per seed
N_TRAIN = 1000  # training examples
N_TEST = 500  # test examples, never trained on
STEPS = 10  # length of the output sequence
HIDDEN = 32  # nn.RNN units
LEARNING_RATE = 0.01  # Adam
BATCH_SIZE = 64
EPOCHS = 8
for name in ["DATA_SEED", "SEEDS", "N_TRAIN", "N_TEST", "STEPS", "HIDDEN",
             "LEARNING_RATE", "BATCH_SIZE", "EPOCHS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: a sine wave sin(w t), t = 1..STEPS, from its frequency w
rng = np.random.default_rng(DATA_SEED)
X = torch.tensor(rng.uniform(0.3, 0.9, (N_TRAIN + N_TEST, 1))).float()
Y = torch.sin(X * torch.arange(1, STEPS + 1))[..., None]  # (.., STEPS, 1)

# %% The model: (batch, 1) -> (batch, STEPS, 1)
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.RNN(1, HIDDEN, batch_first=True)
        self.out = nn.Linear(HIDDEN, 1)
    def forward(self, x):
        x = x[:, None, :].expand(-1, STEPS, -1)  # the input at every step
        return self.out(self.rnn(x)[0])  # a number per step

# %% Training: fresh initial weights for each seed
torch.set_num_threads(1)  # faster for layers this small
mse_loss = nn.MSELoss()
def train(seed):
    torch.manual_seed(seed)
    model = Net()
    adam = torch.optim.Adam(model.parameters(), LEARNING_RATE)
    for epoch in range(EPOCHS):
        for batch in torch.randperm(N_TRAIN).split(BATCH_SIZE):
            adam.zero_grad()
            mse_loss(model(X[batch]), Y[batch]).backward()
            adam.step()
    return model

# %% Three seeds, against the mean training wave
mse = []
for seed in SEEDS:
    model = train(seed)
    out = model(X[N_TRAIN:]).detach()
    mse.append(((out - Y[N_TRAIN:]) ** 2).mean().item())
    print(f"seed {seed}: test MSE {mse[-1]:.4f}")
print(f"shapes: input {tuple(X[N_TRAIN:].shape)} -> output {tuple(out.shape)}")
mean_wave = ((Y[:N_TRAIN].mean(0) - Y[N_TRAIN:]) ** 2).mean()
print(f"test MSE: mean {np.mean(mse):.4f}, sd {np.std(mse, ddof=1):.4f}, "
      f"mean training wave {mean_wave:.4f}")

# %% A linear model on the input alone, fitted by least squares
def linear(F, T):  # fit F -> T by least squares on the training rows
    F = np.c_[F, np.ones(len(F))]  # plus a constant feature
    coef = np.linalg.lstsq(F[:N_TRAIN], T[:N_TRAIN], rcond=None)[0]
    return F[N_TRAIN:] @ coef  # its outputs on the test rows
w = np.asarray(X, dtype="float64")  # the frequencies, (examples, 1)
target = np.sin(w * np.arange(1, STEPS + 1))  # (examples, STEPS)
for degree in (1, 3):  # features w, or w, w^2, w^3
    error = np.mean((linear(w ** np.arange(1, degree + 1), target)
                     - target[N_TRAIN:]) ** 2)
    print(f"linear model on powers of w up to {degree}: "
          f"test MSE {error:.4f}")

# %% Figure: three test frequencies, last seed
fig, ax = plt.subplots(figsize=(6, 3))
t = np.arange(1, STEPS + 1)  # the output steps t = 1..STEPS
for i in range(3):
    ax.plot(t, Y[N_TRAIN + i, :, 0], color=f"C{i}",
            label=f"w = {X[N_TRAIN + i, 0]:.2f}")
    ax.plot(t, out[i, :, 0], "o", color=f"C{i}")
ax.set(xlabel="output step t", ylabel="sin(w t)")
ax.set_title("PyTorch one-to-many: targets (lines), outputs (dots)")
ax.legend()
plt.show()
