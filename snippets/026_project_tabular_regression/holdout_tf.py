# %% Settings
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_diabetes
from sklearn.linear_model import LinearRegression

SPLIT_SEED = 0  # which rows are held out
N_TEST = 88  # rows whose targets are set aside, as in a competition
SEEDS = (0, 1, 2)  # the MLP's initial weights
HIDDEN = 16
STEPS = 100  # full-batch AdamW steps per fit
LEARNING_RATE = 0.01
WEIGHT_DECAY = 0.01
PICK = "linear"  # the lowest k-fold log-RMSE (the k-fold snippet)
names = "SPLIT_SEED N_TEST SEEDS HIDDEN STEPS LEARNING_RATE WEIGHT_DECAY PICK"
for name in names.split():
    print(f"{name}: {globals()[name]}")

# %% Data and preprocessing
X, y = load_diabetes(return_X_y=True, scaled=False)
order = np.random.default_rng(SPLIT_SEED).permutation(len(y))
test, train = order[:N_TEST], order[N_TEST:]
NUMERIC = [0, 2, 3, 4, 5, 6, 7, 8, 9]  # column 1 is sex, coded 1 or 2


def prepare(fit_rows, rows):  # statistics from fit_rows only
    num = X[fit_rows][:, NUMERIC]
    scaled = (X[rows][:, NUMERIC] - num.mean(0)) / num.std(0)
    sex = X[rows, 1:2]  # a category: one-hot, not a number
    return np.hstack([scaled, sex == 1, sex == 2]).astype(np.float32)


def log_rmse(log_pred, rows):
    return float(np.sqrt(np.mean((log_pred - np.log(y[rows])) ** 2)))


# %% The MLP
def make_mlp():
    layers = [tf.keras.Input((11,)), tf.keras.layers.Dense(HIDDEN, "relu")]
    return tf.keras.Sequential([*layers, tf.keras.layers.Dense(1)])


model = make_mlp()  # tracing costs more than training: one model, one traced
opt = tf.keras.optimizers.AdamW(LEARNING_RATE, weight_decay=WEIGHT_DECAY)
opt.build(model.trainable_variables)  # loop, and a reset before each fit
opt_start = [v.numpy() for v in opt.variables]


# %% Training on the centred log target: the MSE is the squared log-RMSE
@tf.function(reduce_retracing=True)
def train_steps(x, t):
    for _ in tf.range(STEPS):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean((model(x)[:, 0] - t) ** 2)
        w = model.trainable_variables
        opt.apply_gradients(zip(tape.gradient(loss, w), w))


def fit_mlp(rows, seed):  # predict before the next fit resets the model
    tf.keras.utils.set_random_seed(seed)
    model.set_weights(make_mlp().get_weights())  # fresh initial weights
    for v, start in zip(opt.variables, opt_start):
        v.assign(start)
    centre = np.log(y[rows]).mean()
    train_steps(prepare(rows, rows), np.float32(np.log(y[rows]) - centre))
    return lambda other: model(prepare(rows, other))[:, 0].numpy() + centre


# %% Final fits on all training rows, scored once on the held-out rows
preds = {f"MLP {s}": fit_mlp(train, s)(test) for s in SEEDS}
linear = LinearRegression().fit(prepare(train, train), np.log(y[train]))
preds["linear"] = linear.predict(prepare(train, test))
preds["mean"] = np.full(len(test), np.log(y[train]).mean())
held = {name: log_rmse(log_pred, test) for name, log_pred in preds.items()}
for name, score in held.items():
    print(f"held-out log-RMSE, {name}: {score:.3f}")
mlp = [held[f"MLP {s}"] for s in SEEDS]
print(f"held-out log-RMSE, MLP: {np.mean(mlp):.3f} (mean of the seeds)")

# %% The submission, from the model the k-fold estimate picked
rows = np.column_stack([test, np.exp(preds[PICK])])  # back from log(y)
np.savetxt("submission.csv", rows, fmt=["%d", "%.1f"], delimiter=",",
           header="id,progression", comments="")
print(f"wrote submission.csv: {PICK}, {len(rows)} rows; the first three:")
print("".join(open("submission.csv").readlines()[:4]).rstrip())
