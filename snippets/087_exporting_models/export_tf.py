# %% Settings
import os
import tempfile
import textwrap
import zipfile

import keras
import numpy as np
import tensorflow as tf

tf.get_logger().setLevel("ERROR")  # no "Assets written to" INFO lines

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
x_test = X[N_TRAIN:]


def build():  # the code that makes the model (.keras stores its config)
    return keras.Sequential([
        keras.Input((FEATURES,)), keras.layers.Dense(HIDDEN, "relu"),
        keras.layers.Dense(HIDDEN, "relu"), keras.layers.Dense(CLASSES)])

# %% Training
keras.utils.set_random_seed(SEED)
model = build()
model.compile(keras.optimizers.Adam(LEARNING_RATE),
              keras.losses.SparseCategoricalCrossentropy(from_logits=True))
model.fit(X[:N_TRAIN], y[:N_TRAIN], BATCH_SIZE, EPOCHS, verbose=0)
logits = model(x_test).numpy()
print(f"test accuracy: {(logits.argmax(1) == y[N_TRAIN:]).mean():.3f}")
print(f"largest |logit|: {np.abs(logits).max():.1f}")  # sizes the tolerance

# %% Checking an export against the original
folder = tempfile.mkdtemp()


def compare(name, out):  # exported vs original on the first len(out) points
    out = out.numpy() if tf.is_tensor(out) else out
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
compare("untrained model", build()(x_test))  # other weights fail the check
model.save(os.path.join(folder, "model.keras"))  # config + weights, zipped
restored = keras.models.load_model(os.path.join(folder, "model.keras"))
compare(".keras", restored(x_test))

# %% A graph without Python code, its batch size fixed at 8
x8 = x_test[:EXPORT_BATCH]
spec = tf.TensorSpec((EXPORT_BATCH, FEATURES), tf.float32)
model.export(f"{folder}/fixed", input_signature=[spec], verbose=False)
fixed = tf.saved_model.load(os.path.join(folder, "fixed"))
compare("original", model(x8))  # batch 8 alone, the same model
compare("SavedModel", fixed.serve(x8))
attempt(lambda: fixed.serve(x_test))

# %% A dynamic batch dimension
spec = tf.TensorSpec((None, FEATURES), tf.float32)
model.export(f"{folder}/dynamic", input_signature=[spec], verbose=False)
dynamic = tf.saved_model.load(os.path.join(folder, "dynamic"))
shape = dynamic.signatures["serving_default"].inputs[0].shape
print("input shape in the graph:", shape.as_list())
compare("SavedModel, None", dynamic.serve(x_test))

# %% File sizes
params = model.count_params()
print(f"parameters: {params}, as float32: {4 * params} bytes")
adam = sum(v.numpy().nbytes for v in model.optimizer.variables)
print(f"Adam's state: {adam} bytes")
for name in ["dynamic", "fixed"]:  # a SavedModel is a folder: all its files
    files = [os.path.join(d, f) for d, _, fs in os.walk(f"{folder}/{name}")
             for f in fs if f != "fingerprint.pb"]  # left out: see the page
    print(f"{name:<14}{sum(map(os.path.getsize, files)):>8} bytes")
print(f"model.keras   {os.path.getsize(f'{folder}/model.keras'):>8} bytes")
with zipfile.ZipFile(os.path.join(folder, "model.keras")) as archive:
    for item in archive.infolist():
        print(f"  model.keras/{item.filename:<17}{item.file_size:>8} bytes")
saved = tf.train.list_variables(f"{folder}/dynamic/variables/variables")
saved = [n for n, _ in saved if n != "_CHECKPOINTABLE_OBJECT_GRAPH"]
print(f"tensors in dynamic/variables: {len(saved)}",
      f"for {len(model.weights)} weights")
