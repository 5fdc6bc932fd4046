# %% Settings
import tempfile
import keras
import keras_tuner
import numpy as np
import onnxruntime as ort
import tensorflow as tf
import tf2onnx
from sklearn.datasets import load_breast_cancer
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
DATA_SEED, SEEDS, BUDGET = 0, (0, 1, 2), 8  # split; searches; trials each
TEST_SIZE, VAL_SIZE = 114, 91  # of 569 tumours; the rest trains
HIDDEN, STEPS, LR_MIN, LR_MAX, DROPOUT_MAX = 16, 150, 1e-4, 0.1, 0.5
OPSET, TOLERANCE = 18, 1e-4  # ONNX operator set; max abs logit difference
for name in [k for k in globals() if k.isupper()]:  # the settings above
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
# %% Data: split first, then fit the scaler on the training part only
X, y = load_breast_cancer(return_X_y=True)  # y = 1: benign
X_rest, X_test, y_rest, y_test = train_test_split(
    X, y, test_size=TEST_SIZE, stratify=y, random_state=DATA_SEED)
X_train, X_val, y_train, y_val = train_test_split(
    X_rest, y_rest, test_size=VAL_SIZE, stratify=y_rest,
    random_state=DATA_SEED)
scaler = StandardScaler().fit(X_train)
X_train, X_val, X_test = (scaler.transform(a).astype("float32")
                          for a in (X_train, X_val, X_test))
print(f"train: {len(X_train)}, validation: {len(X_val)}, test: {len(X_test)}")
# %% Baselines: majority class and logistic regression
base = {"majority": DummyClassifier(),
        "logistic regression": LogisticRegression()}
for name, clf in base.items():
    acc = clf.fit(X_train, y_train).score(X_test, y_test)
    print(f"{name} test accuracy: {acc:.3f}")
# %% The network and its training loop
hidden, output = keras.layers.Dense(HIDDEN, "relu"), keras.layers.Dense(1)
model = keras.Sequential([keras.Input((X.shape[1],)), hidden, output])
adam = keras.optimizers.Adam()
adam.build(model.trainable_variables)
loss_fn = keras.losses.BinaryCrossentropy(from_logits=True)
@tf.function  # traced once: every trial reuses it
def fit(dropout, seed):
    for step in tf.range(STEPS):
        with tf.GradientTape() as tape:
            h = hidden(X_train)
            noise = tf.random.stateless_uniform(tf.shape(h), [seed, step])
            h = tf.where(noise >= dropout, h / (1 - dropout), 0 * h)
            loss = loss_fn(y_train[:, None], output(h))
        grads = tape.gradient(loss, model.trainable_variables)
        adam.apply_gradients(zip(grads, model.trainable_variables))
# %% A trial: fresh weights, train, score
def train(learning_rate, dropout, seed):
    init = keras.initializers.GlorotUniform(seed)  # Dense's default
    for layer in (hidden, output):
        layer.kernel.assign(init(layer.kernel.shape))
        layer.bias.assign(tf.zeros_like(layer.bias))
    for v in adam.variables:  # the moments, the step count, the rate
        v.assign(tf.zeros_like(v))
    adam.learning_rate.assign(learning_rate)
    fit(tf.constant(dropout, tf.float32), tf.constant(seed))
    return model
def accuracy(model, X, y):
    return float(np.mean((model(X).numpy()[:, 0] > 0) == y))
# %% The search space and a trial, with a tuning library
class Tuner(keras_tuner.RandomSearch):  # a trial trains our model
    def run_trial(self, trial, seed, **kwargs):
        model = train(**trial.hyperparameters.values, seed=seed)
        return {"val_accuracy": accuracy(model, X_val, y_val)}
hp = keras_tuner.HyperParameters()
hp.Float("learning_rate", LR_MIN, LR_MAX, sampling="log")
hp.Float("dropout", 0.0, DROPOUT_MAX)
# %% Tuning on the validation set, once per seed
tests = []
for seed in SEEDS:
    tuner = Tuner(hyperparameters=hp, objective="val_accuracy",
                  max_trials=BUDGET, seed=1 + 1000 * seed,
                  directory=tempfile.mkdtemp(), overwrite=True)
    tuner.search(seed, verbose=0)
    best = tuner.oracle.get_best_trials(1)[0]
    lr, d = (best.hyperparameters[k] for k in ("learning_rate", "dropout"))
    tests.append(accuracy(train(lr, d, seed), X_test, y_test))
    print(f"seed {seed}: lr {lr:.1e}, dropout {d:.2f}, val {best.score:.3f}, "
          f"test {tests[-1]:.3f}")
print(f"network test accuracy: mean {np.mean(tests):.3f}, "
      f"min {np.min(tests):.3f}, max {np.max(tests):.3f}")
# %% Export the last model to ONNX and check it in onnxruntime
spec = (tf.TensorSpec((None, X.shape[1]), tf.float32, name="x"),)
forward = tf.function(lambda x: model(x), input_signature=spec)
path = tempfile.mkdtemp() + "/capstone.onnx"
tf2onnx.convert.from_function(forward, input_signature=spec, opset=OPSET,
                              output_path=path)
onnx_logits = ort.InferenceSession(path).run(None, {"x": X_test})[0]
logits = model(X_test).numpy()
diff = np.abs(onnx_logits - logits).max()
same = (onnx_logits > 0) == (logits > 0)
print(f"ONNX vs original: max abs diff {diff:.1e}, within tolerance "
      f"{diff <= TOLERANCE}, same classes {same.all()}")
