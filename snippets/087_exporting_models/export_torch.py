# %% Settings
import os
import tempfile
import textwrap
import zipfile

import numpy as np
import torch
from torch import nn

DATA_SEED, SEED = 0, 0
N_TRAIN, N_TEST, FEATURES, CLASSES = 1600, 400, 20, 3
HIDDEN, BATCH_SIZE, EPOCHS, LEARNING_RATE = 64, 100, 10, 0.01
EXPORT_BATCH = 8  # the example batch the exporters trace with
TOLERANCE = 1e-4  # max abs difference in the logits we accept
for k in ["DATA_SEED", "SEED", "HIDDEN", "EPOCHS", "EXPORT_BATCH", "TOLERANCE"]:
    print(f"{k.lower()}: {globals()[k]}")

# %% Data and the model
rng = np.random.default_rng(DATA_SEED)
X = rng.normal(size=(N_TRAIN + N_TEST, FEATURES)).astype("float32")
y = (X @ rng.normal(size=(FEATURES, CLASSES))).argmax(axis=1)
x_test = torch.tensor(X[N_TRAIN:])


def build():  # the code that makes the model (a state_dict needs it)
    return nn.Sequential(
        nn.Linear(FEATURES, HIDDEN), nn.ReLU(),
        nn.Linear(HIDDEN, HIDDEN), nn.ReLU(), nn.Linear(HIDDEN, CLASSES))

# %% Training
torch.manual_seed(SEED)
model = build()
data = torch.utils.data.TensorDataset(
    torch.tensor(X[:N_TRAIN]), torch.tensor(y[:N_TRAIN]))
loader = torch.utils.data.DataLoader(data, BATCH_SIZE, shuffle=True)
opt = torch.optim.Adam(model.parameters(), LEARNING_RATE)
for epoch in range(EPOCHS):
    for xb, yb in loader:
        opt.zero_grad()
        nn.functional.cross_entropy(model(xb), yb).backward()
        opt.step()
logits = model.eval()(x_test).detach().numpy()  # eval() returns the model
print(f"test accuracy: {(logits.argmax(1) == y[N_TRAIN:]).mean():.3f}")
print(f"largest |logit|: {np.abs(logits).max():.1f}")  # sizes the tolerance

# %% Checking an export against the original
folder = tempfile.mkdtemp()


def compare(name, out):  # exported vs original on the first len(out) points
    out = out.detach().numpy() if torch.is_tensor(out) else out
    diff = np.abs(out - logits[: len(out)]).max()
    same = (out.argmax(1) == logits[: len(out)].argmax(1)).all()
    print(f"{name} on {len(out)}: max abs diff {diff:.1e}, same classes {same}")


def attempt(call):  # call it; if it fails, print the error's start
    try:
        return call()
    except Exception as e:
        text = " ".join(str(e).split(" Received args")[0].split())[:200]
        print(f"{type(e).__name__}:", *textwrap.wrap(text, 76), sep="\n  ")

# %% Saving for Python: weights plus the code that builds the model
torch.save(model.state_dict(), os.path.join(folder, "weights.pt"))
restored = build()  # the model must be rebuilt from code first
compare("untrained model", restored(x_test))  # other weights fail the check
restored.load_state_dict(torch.load(os.path.join(folder, "weights.pt")))
compare("state_dict", restored(x_test))

# %% A graph without Python code, its batch size fixed at 8
x8 = x_test[:EXPORT_BATCH]
program = torch.export.export(model, (x8,))
torch.export.save(program, os.path.join(folder, "fixed.pt2"))
fixed = torch.export.load(os.path.join(folder, "fixed.pt2")).module()
compare("original", model(x8))  # batch 8 alone, the same model
compare("torch.export", fixed(x8))
attempt(lambda: fixed(x_test))

# %% A dynamic batch dimension
batch = torch.export.Dim("batch")
program = torch.export.export(model, (x8,), dynamic_shapes=({0: batch},))
torch.export.save(program, os.path.join(folder, "dynamic.pt2"))
dynamic = torch.export.load(os.path.join(folder, "dynamic.pt2")).module()
shape = [n for n in dynamic.graph.nodes if n.op == "placeholder"][-1]
print("input shape in the graph:", list(map(str, shape.meta["val"].shape)))
compare("torch.export, Dim", dynamic(x_test))

# %% File sizes
params = sum(p.numel() for p in model.parameters())
print(f"parameters: {params}, as float32: {4 * params} bytes")
adam = sum(t.nbytes for s in opt.state.values() for t in s.values())
print(f"Adam's state: {adam} bytes")
for name in sorted(os.listdir(folder)):
    print(f"{name:<14}{os.path.getsize(os.path.join(folder, name)):>8} bytes")
with zipfile.ZipFile(os.path.join(folder, "dynamic.pt2")) as archive:
    for item in [i for i in archive.infolist() if i.file_size > 1000]:
        print(f"  {item.filename:<48}{item.file_size:>8} bytes")
print("storage behind the example x8:", x8.untyped_storage().nbytes(), "bytes")
