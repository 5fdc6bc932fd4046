# %% Settings
import os
import tempfile
import textwrap

import keras
import numpy as np
import onnxruntime as ort
import tensorflow as tf
import tf2onnx

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

# %% Exporting to ONNX, the batch size fixed at 8
x8 = x_test[:EXPORT_BATCH]
spec = (tf.TensorSpec((EXPORT_BATCH, FEATURES), tf.float32, name="x"),)
attempt(lambda: tf2onnx.convert.from_keras(  # fails: Keras 3
    model, input_signature=spec, opset=OPSET))
forward = tf.function(lambda x: model(x), input_signature=spec)
tf2onnx.convert.from_function(forward, input_signature=spec, opset=OPSET,
                              output_path=os.path.join(folder, "fixed.onnx"))

# %% Running it in onnxruntime
print("onnxruntime:", ort.__version__)
fixed = ort.InferenceSession(os.path.join(folder, "fixed.onnx"))
name = fixed.get_inputs()[0].name
print("input shape in the file:", fixed.get_inputs()[0].shape)
compare("ONNX", fixed.run(None, {name: x8})[0])
attempt(lambda: fixed.run(None, {name: x_test}))

# %% A dynamic batch dimension
spec = (tf.TensorSpec((None, FEATURES), tf.float32, name="x"),)
forward = tf.function(lambda x: model(x), input_signature=spec)
tf2onnx.convert.from_function(
    forward, input_signature=spec, opset=OPSET,
    output_path=os.path.join(folder, "dynamic.onnx"))
dynamic = ort.InferenceSession(os.path.join(folder, "dynamic.onnx"))
print("input shape in the file:", dynamic.get_inputs()[0].shape)
compare("ONNX, dynamic", dynamic.run(None, {name: x_test})[0])

# %% File sizes
params = model.count_params()
print(f"parameters: {params}, as float32: {4 * params} bytes")
for name in sorted(os.listdir(folder)):
    print(f"{name:<14}{os.path.getsize(os.path.join(folder, name)):>8} bytes")
