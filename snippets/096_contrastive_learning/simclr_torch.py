# %% Settings
import numpy as np
import torch
from sklearn.datasets import load_digits
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_limits
from torch import nn
torch.set_num_threads(1)  # measured: small layers, faster on one thread
threadpool_limits(1)  # and one BLAS thread for the probes
DATA_SEED = 0  # the train/test split
SEEDS = (0, 1, 2)  # initialisation, augmentations, the 50 labelled digits
N_TRAIN = 1297  # of the 1797 digits; the other 500 are the test set
EPOCHS = 12  # of contrastive pretraining, on the unlabelled train images
BATCH_SIZE = 256  # a full batch: 510 negatives for every view
TEMPERATURE = 0.1  # tau in NT-Xent
LEARNING_RATE = 0.001  # Adam
LABELS_PER_CLASS = 5  # the label-scarce probe; a second probe uses all
for name in [name for name in dir() if name.isupper()]:  # alphabetical
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: 8x8 digits scaled to [0, 1]; the probe: logistic regression
X, y = load_digits(return_X_y=True)
order = np.random.default_rng(DATA_SEED).permutation(len(X))
X, y = torch.tensor(X[order] / 16.0).float(), y[order]
X_train, y_train, X_test, y_test = (X[:N_TRAIN], y[:N_TRAIN],
                                    X[N_TRAIN:], y[N_TRAIN:])
by_class = [np.flatnonzero(y_train == c) for c in range(10)]  # for the probe
def probe(train, test, labelled):
    scale = StandardScaler().fit(train[labelled])  # on the labelled rows
    model = LogisticRegression(max_iter=2000)
    model.fit(scale.transform(train[labelled]), y_train[labelled])
    return model.score(scale.transform(test), y_test)

# %% Augmentations and the NT-Xent loss, as in the views snippet
def augment(x, gen):  # shift by up to 1 pixel, scale intensity, add noise
    n = len(x)
    padded = nn.functional.pad(x.view(n, 8, 8), (1, 1, 1, 1))
    crops = torch.stack([padded[:, dy:dy + 8, dx:dx + 8]
                         for dy in range(3) for dx in range(3)])
    x = crops[torch.randint(0, 9, (n,), generator=gen), torch.arange(n)]
    x = x * torch.empty(n, 1, 1).uniform_(0.6, 1.4, generator=gen)
    return (x + 0.1 * torch.randn(n, 8, 8, generator=gen)).view(n, 64)
def nt_xent(z1, z2):
    z = nn.functional.normalize(torch.cat([z1, z2]), dim=1)
    n = len(z1)
    logits = z @ z.T / TEMPERATURE - 1e9 * torch.eye(2 * n)
    positive = torch.cat([torch.arange(n, 2 * n), torch.arange(n)])
    return nn.functional.cross_entropy(logits, positive)

# %% Encoder (its output is the representation) and projection head
def make_models():
    encoder = nn.Sequential(
        nn.Unflatten(1, (1, 8, 8)),
        nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(),
        nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(32 * 16, 128), nn.ReLU())
    head = nn.Sequential(nn.Linear(128, 128), nn.ReLU(), nn.Linear(128, 64))
    return encoder, head

# %% Pretraining: two views of each image, no labels
def pretrain(encoder, head, seed):
    gen = torch.Generator().manual_seed(seed)
    params = [*encoder.parameters(), *head.parameters()]
    adam = torch.optim.Adam(params, lr=LEARNING_RATE)
    for epoch in range(EPOCHS):
        for batch in torch.randperm(N_TRAIN, generator=gen).split(BATCH_SIZE):
            x = X_train[batch]
            loss = nt_xent(head(encoder(augment(x, gen))),
                           head(encoder(augment(x, gen))))
            adam.zero_grad()
            loss.backward()
            adam.step()
    return loss.item()

# %% Three feature sets per seed, probed with 5 labels per class or all
acc = {"5/class": [], "all": []}  # per seed: pixels, random, learned
for seed in SEEDS:
    torch.manual_seed(seed)
    encoder, head = make_models()
    untrained = [encoder(x).detach() for x in (X_train, X_test)]
    loss = pretrain(encoder, head, seed)
    learned = [encoder(x).detach() for x in (X_train, X_test)]
    print(f"seed {seed}: final loss {loss:.2f}")
    rng = np.random.default_rng(seed)  # 5 labelled digits per class, drawn
    few = np.hstack([rng.choice(i, LABELS_PER_CLASS, False) for i in by_class])
    for name, labelled in [("5/class", few), ("all", np.arange(N_TRAIN))]:
        acc[name].append([probe(*f, labelled) for f in
                          [(X_train, X_test), untrained, learned]])
        p, r, l = acc[name][-1]
        print(f"  {name:7}: pixels {p:.3f}, random {r:.3f}, learned {l:.3f}")

# %% Mean and spread over the seeds, and the every-seed check
for name, a in acc.items():
    a = np.array(a)  # seeds x (pixels, random, learned)
    print(f"mean {name}: " + ", ".join(f"{k} {m:.3f}+-{s:.3f}" for k, m, s
          in zip(["pixels", "random", "learned"], a.mean(0), a.std(0))))
    print(f"learned beats pixels and random in every seed, {name}:",
          bool(np.all(a[:, 2] > a[:, :2].max(1))))
