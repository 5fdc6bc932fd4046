# %% Settings
import logging
import os
import tempfile
import textwrap
import warnings

import numpy as np
import onnxruntime as ort
import onnxscript  # noqa: F401  torch.onnx.export(dynamo=True) needs it
import torch
from torch import nn
DATA_SEED, SEED = 0, 0
N_TRAIN, N_TEST, FEATURES, CLASSES = 1600, 400, 20, 3
HIDDEN, BATCH_SIZE, EPOCHS, LEARNING_RATE = 64, 100, 10, 0.01
EXPORT_BATCH = 8  # the example batch the exporters trace with
OPSET = 18  # the ONNX operator set the file declares
TOLERANCE = 1e-4  # max abs difference in the logits we accept
SHOWN = ["DATA_SEED", "SEED", "HIDDEN", "EPOCHS", "EXPORT_BATCH", "OPSET"]
for k in SHOWN + ["TOLERANCE"]:
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

# %% Exporting to ONNX, the batch size fixed at 8
x8 = x_test[:EXPORT_BATCH]
logging.getLogger("torch.onnx").setLevel(logging.ERROR)  # optional-op notes
warnings.filterwarnings("ignore", ".*LeafSpec", FutureWarning)  # torch's own
onnx_program = torch.onnx.export(model, (x8,), dynamo=True,
                                 opset_version=OPSET, verbose=False)
onnx_program.save(os.path.join(folder, "fixed.onnx"))

# %% Running it in onnxruntime
print("onnxruntime:", ort.__version__)
fixed = ort.InferenceSession(os.path.join(folder, "fixed.onnx"))
name = fixed.get_inputs()[0].name
print("input shape in the file:", fixed.get_inputs()[0].shape)
compare("ONNX", fixed.run(None, {name: x8.numpy()})[0])
attempt(lambda: fixed.run(None, {name: x_test.numpy()}))

# %% A dynamic batch dimension
batch = torch.export.Dim("batch")
onnx_program = torch.onnx.export(
    model, (x8,), dynamo=True, opset_version=OPSET, verbose=False,
    dynamic_shapes=({0: batch},))
onnx_program.save(os.path.join(folder, "dynamic.onnx"))
dynamic = ort.InferenceSession(os.path.join(folder, "dynamic.onnx"))
print("input shape in the file:", dynamic.get_inputs()[0].shape)
compare("ONNX, dynamic", dynamic.run(None, {name: x_test.numpy()})[0])

# %% File sizes
params = sum(p.numel() for p in model.parameters())
print(f"parameters: {params}, as float32: {4 * params} bytes")
for name in sorted(os.listdir(folder)):
    print(f"{name:<14}{os.path.getsize(os.path.join(folder, name)):>8} bytes")
