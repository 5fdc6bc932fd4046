# %% Settings
import keras
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_limits
threadpool_limits(1)  # one BLAS thread for the probes (measured: faster)
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
X, y = (X[order] / 16.0).astype(np.float32), y[order]
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
    n = tf.shape(x)[0]
    padded = tf.pad(tf.reshape(x, (-1, 8, 8)), [[0, 0], [1, 1], [1, 1]])
    crops = tf.stack([padded[:, dy:dy + 8, dx:dx + 8]
                      for dy in range(3) for dx in range(3)], axis=1)
    x = tf.gather(crops, gen.uniform((n,), 0, 9, tf.int32), batch_dims=1)
    x = x * gen.uniform((n, 1, 1), 0.6, 1.4)
    return tf.reshape(x + 0.1 * gen.normal((n, 8, 8)), (-1, 64))
def nt_xent(z1, z2):
    z = tf.math.l2_normalize(tf.concat([z1, z2], 0), axis=1)
    n = tf.shape(z1)[0]
    logits = z @ tf.transpose(z) / TEMPERATURE - 1e9 * tf.eye(2 * n)
    positive = tf.concat([tf.range(n, 2 * n), tf.range(n)], 0)
    return keras.losses.SparseCategoricalCrossentropy(True)(positive, logits)

# %% Encoder (its output is the representation) and projection head
def make_models():
    encoder = keras.Sequential([
        keras.Input((64,)), keras.layers.Reshape((8, 8, 1)),
        keras.layers.Conv2D(16, 3, padding="same", activation="relu"),
        keras.layers.Conv2D(32, 3, padding="same", activation="relu"),
        keras.layers.MaxPooling2D(2), keras.layers.Flatten(),
        keras.layers.Dense(128, activation="relu")])
    head = keras.Sequential([keras.Input((128,)), keras.layers.Dense(
        128, activation="relu"), keras.layers.Dense(64)])
    return encoder, head
# %% Pretraining: two views of each image, no labels
def pretrain(encoder, head, seed):
    gen = tf.random.Generator.from_seed(seed)
    params = encoder.trainable_variables + head.trainable_variables
    adam = keras.optimizers.Adam(LEARNING_RATE)
    @tf.function
    def step(x):
        with tf.GradientTape() as tape:
            loss = nt_xent(head(encoder(augment(x, gen))),
                           head(encoder(augment(x, gen))))
        adam.apply_gradients(zip(tape.gradient(loss, params), params))
        return loss
    data = tf.data.Dataset.from_tensor_slices(X_train)
    for x in data.shuffle(N_TRAIN, seed).batch(BATCH_SIZE).repeat(EPOCHS):
        loss = step(x)
    return float(loss)
# %% Three feature sets per seed, probed with 5 labels per class or all
acc = {"5/class": [], "all": []}  # per seed: pixels, random, learned
for seed in SEEDS:
    keras.utils.set_random_seed(seed)
    encoder, head = make_models()
    untrained = [encoder(x).numpy() for x in (X_train, X_test)]
    loss = pretrain(encoder, head, seed)
    learned = [encoder(x).numpy() for x in (X_train, X_test)]
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
