# %% Settings
import numpy as np
import torch
from torch import nn

DATA_SEED = 0  # the generated data, the same for every run
SEEDS = (0, 1, 2)  # initialisation and shuffling, one run per seed
N_TRAIN = 1000  # training examples
N_TEST = 500  # test examples, never trained on
STEPS = 5  # input and output length
VOCAB = 5  # tokens 0..4
HIDDEN = 32  # nn.RNN units
LEARNING_RATE = 0.01  # Adam
BATCH_SIZE = 64
EPOCHS = 8
LONGER = 7  # a longer input, given to the trained model at the end
for name in ["DATA_SEED", "SEEDS", "N_TRAIN", "N_TEST", "STEPS", "VOCAB",
             "HIDDEN", "LEARNING_RATE", "BATCH_SIZE", "EPOCHS", "LONGER"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: reverse a sequence; the test sequences never occur in training
rng = np.random.default_rng(DATA_SEED)
codes = rng.choice(VOCAB**STEPS, N_TRAIN + N_TEST, replace=False)
tokens = codes[:, None] // VOCAB ** np.arange(STEPS) % VOCAB  # base-5 digits
X = nn.functional.one_hot(torch.tensor(tokens), VOCAB).float()
Y = torch.tensor(tokens[:, ::-1].copy())  # first output = last input

# %% The model: encoder -> one vector -> decoder
class Net(nn.Module):  # (batch, any length, VOCAB) -> (batch, STEPS, VOCAB)
    def __init__(self):
        super().__init__()
        self.encoder = nn.RNN(VOCAB, HIDDEN, batch_first=True)
        self.decoder = nn.RNN(HIDDEN, HIDDEN, batch_first=True)
        self.out = nn.Linear(HIDDEN, VOCAB)
    def forward(self, x):
        context = self.encoder(x)[1]  # its last state only: (1, batch, H)
        x = context[0][:, None, :].expand(-1, STEPS, -1)  # at every step
        return self.out(self.decoder(x, context)[0])  # starts from it too

# %% Training: fresh initial weights for each seed
torch.set_num_threads(1)  # faster for layers this small
ce = nn.CrossEntropyLoss()
def train(seed):
    torch.manual_seed(seed)
    model = Net()
    adam = torch.optim.Adam(model.parameters(), LEARNING_RATE)
    for epoch in range(EPOCHS):
        for batch in torch.randperm(N_TRAIN).split(BATCH_SIZE):
            adam.zero_grad()
            ce(model(X[batch]).transpose(1, 2), Y[batch]).backward()
            adam.step()
    return model

# %% Three seeds, against chance
acc, whole = [], []
for seed in SEEDS:
    model = train(seed)
    out = model(X[N_TRAIN:]).detach()
    right = out.argmax(-1) == Y[N_TRAIN:]
    acc.append(right.float().mean().item())
    whole.append(right.all(dim=1).float().mean().item())
    print(f"seed {seed}: tokens right {acc[-1]:.3f}, "
          f"sequences right {whole[-1]:.3f}")
print(f"shapes: input {tuple(X[N_TRAIN:].shape)} -> output {tuple(out.shape)}")
print(f"tokens right: mean {np.mean(acc):.3f}, sd {np.std(acc, ddof=1):.3f}"
      f", chance {1 / VOCAB:.3f}")
for i in range(3):
    print(f"example: {tokens[N_TRAIN + i]} -> {out[i].argmax(-1).numpy()}")

# %% A linear model on the whole input, fitted by least squares
def linear(F, T):  # fit F -> T by least squares on the training rows
    F = np.c_[F, np.ones(len(F))]  # plus a constant feature
    coef = np.linalg.lstsq(F[:N_TRAIN], T[:N_TRAIN], rcond=None)[0]
    return F[N_TRAIN:] @ coef  # its outputs on the test rows
y = np.asarray(Y)
flat = np.asarray(X).reshape(len(y), -1)  # all STEPS * VOCAB one-hot values
scores = linear(flat, np.eye(VOCAB)[y].reshape(len(y), -1))
right = scores.reshape(-1, STEPS, VOCAB).argmax(-1) == y[N_TRAIN:]
print(f"linear model on the whole input: tokens right {right.mean():.3f}")

# %% The decoder sets the output length, whatever the input length
longer = nn.functional.one_hot(
    torch.tensor(rng.integers(0, VOCAB, (3, LONGER))), VOCAB).float()
print(f"longer input: {tuple(longer.shape)} -> output "
      f"{tuple(model(longer).shape)}")
