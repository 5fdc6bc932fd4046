# %% Settings
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold

N_SPLITS = 5
FOLD_SEED = 0  # the same folds in both frameworks
SEEDS = (0, 1, 2)  # initial weights
STEPS = 100  # full-batch Adam steps per fold
LEARNING_RATE = 0.01
HIDDEN = 64
MAX_ITER = 1000  # L-BFGS iterations allowed to the logistic regression
names = "N_SPLITS FOLD_SEED SEEDS STEPS LEARNING_RATE HIDDEN MAX_ITER"
for name in names.split():
    print(f"{name}: {globals()[name]}")

# %% Data and folds
X, y = load_digits(return_X_y=True)
X = (X / 16.0).astype(np.float32)
folds = list(KFold(N_SPLITS, shuffle=True, random_state=FOLD_SEED).split(X))
print(f"examples: {len(X)}, per validation fold:", *[len(v) for _, v in folds])


# %% Model
def make_model(hidden):  # no hidden layer: softmax regression
    layers = [tf.keras.layers.Dense(hidden, "relu")] if hidden else []
    return tf.keras.Sequential(
        [tf.keras.Input((64,)), *layers, tf.keras.layers.Dense(10)]
    )


# %% Training
def make_train(model, opt):
    loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    @tf.function(reduce_retracing=True)
    def train(x, t):  # STEPS full-batch steps
        for _ in tf.range(STEPS):
            with tf.GradientTape() as tape:
                loss = loss_fn(t, model(x, training=True))
            w = model.trainable_variables
            opt.apply_gradients(zip(tape.gradient(loss, w), w))

    return train


# %% Scoring a fold
def make_fit(hidden):  # tracing costs more than training: trace once, reset
    model, opt = make_model(hidden), tf.keras.optimizers.Adam(LEARNING_RATE)
    opt.build(model.trainable_variables)
    opt_start = [v.numpy() for v in opt.variables]
    train = make_train(model, opt)

    def fit_and_score(seed, tr, va):
        tf.keras.utils.set_random_seed(seed)
        model.set_weights(make_model(hidden).get_weights())
        for v, start in zip(opt.variables, opt_start):
            v.assign(start)
        train(tf.constant(X[tr]), tf.constant(y[tr]))
        return float(np.mean(np.argmax(model(X[va]), 1) == y[va]))

    return fit_and_score


# %% Five folds, three seeds
def row(values, sign=""):
    return " ".join(f"{v:{sign}.3f}" for v in values)


def show(name, scores):  # one row per seed, one column per fold
    by_fold = scores.mean(0)
    print(f"{name}: fold accuracies {row(by_fold)}")
    print(f"{name}: mean {by_fold.mean():.3f} ± {by_fold.std():.3f}")


scores = {}
for name, hidden in [("softmax", 0), ("MLP", HIDDEN)]:
    fit_and_score = make_fit(hidden)
    runs = [[fit_and_score(s, tr, va) for tr, va in folds] for s in SEEDS]
    scores[name] = np.array(runs)
    show(name, scores[name])
    print(f"{name}: seed means {row(scores[name].mean(1))}")

# %% The strong baseline: logistic regression to convergence
fits = [
    LogisticRegression(max_iter=MAX_ITER).fit(X[tr], y[tr]) for tr, _ in folds
]
baseline = np.array([m.score(X[va], y[va]) for m, (_, va) in zip(fits, folds)])
show("logistic regression", baseline[None, :])
iterations = max(int(m.n_iter_.max()) for m in fits)
print(f"logistic regression: L-BFGS converged in at most {iterations} steps")

# %% What the hidden layer buys
for name, base in [("softmax", scores["softmax"]), ("logistic", baseline)]:
    gain = scores["MLP"] - base  # one row per seed
    print(f"MLP - {name}: per fold {row(gain.mean(0), '+')}")
    by_fold = gain.mean(0)
    print(f"MLP - {name}: mean {by_fold.mean():+.3f} ± {by_fold.std():.3f}")
    print(f"MLP - {name}: folds won per seed", *(gain > 0).sum(1))
