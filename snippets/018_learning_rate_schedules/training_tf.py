# %% Settings and data
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from threadpoolctl import threadpool_limits
EPOCHS, BATCH, PEAK, L2 = 10, 64, 4.0, 1e-3
START, SEEDS = 0.01, (1, 2, 3)  # warmup from START * PEAK; batch orders
X, y = load_digits(return_X_y=True)
X = (X / 16.0).astype("float32")
PER_EPOCH = len(X) // BATCH  # full batches per epoch
TOTAL, WARMUP = EPOCHS * PER_EPOCH, PER_EPOCH  # warm up for one epoch
print(f"examples: {len(X)}, batch: {BATCH}, epochs: {EPOCHS}, seeds: {SEEDS}")
print(f"steps: {PER_EPOCH} per epoch, {TOTAL} in all, warmup {WARMUP}")
print(f"peak rate: {PEAK}, L2: {L2}, starting loss ln 10: {np.log(10):.4f}")
# %% The minimum, for reference: scikit-learn's L-BFGS with C = 1/(n L2)
with threadpool_limits(1):  # BLAS threads only slow down so small a problem
    best = LogisticRegression(C=1 / (len(X) * L2), tol=1e-8, max_iter=1000)
    ce = log_loss(y, best.fit(X, y).predict_proba(X))  # mean cross-entropy
print(f"minimum of the objective: {ce + L2 / 2 * (best.coef_**2).sum():.4f}")
# %% The schedules
schedules = tf.keras.optimizers.schedules
make = {  # step: x0.1 (or x0.3) after each third, in stairs
    "constant": lambda: PEAK,
    "step": lambda: schedules.ExponentialDecay(PEAK, TOTAL // 3, 0.1, True),
    "step 0.3": lambda: schedules.ExponentialDecay(PEAK, TOTAL // 3, 0.3, True),
    "cosine": lambda: schedules.CosineDecay(PEAK, decay_steps=TOTAL),
    "warmup+cosine": lambda: schedules.CosineDecay(  # linear up, cosine down
        START * PEAK, decay_steps=TOTAL - WARMUP, warmup_target=PEAK,
        warmup_steps=WARMUP),
}
# %% Softmax regression, the objective and one update
def objective(model, xb, yb):  # cross-entropy + L2: one minimum
    ce = tf.keras.losses.sparse_categorical_crossentropy(
        yb, model(xb), from_logits=True)
    return tf.reduce_mean(ce) + L2 / 2 * tf.reduce_sum(model.kernel**2)
def make_step(name):
    model = tf.keras.layers.Dense(10)
    model.build((None, X.shape[1]))
    opt = tf.keras.optimizers.SGD(learning_rate=make[name]())
    @tf.function
    def step(xb, yb):
        with tf.GradientTape() as tape:
            loss = objective(model, xb, yb)
        grads = tape.gradient(loss, model.trainable_variables)
        opt.apply_gradients(zip(grads, model.trainable_variables))
        return loss
    return model, opt, step
# %% A run: full loss after every step of epoch 1, then after each epoch
def train(model, opt, step, seed):
    for v in model.weights + [opt.iterations]:
        v.assign(tf.zeros_like(v))  # start at zero, at step 0
    rng = np.random.default_rng(seed)  # the same batches in both twins
    first, epochs = [], []  # epoch 1: (rate, batch loss, full loss) per step
    for epoch in range(EPOCHS):
        order = rng.permutation(len(X))
        for i in range(PER_EPOCH):
            idx = order[i * BATCH : (i + 1) * BATCH]
            rate = float(opt.learning_rate) if epoch == 0 else None  # in use
            loss = float(step(X[idx], y[idx]))
            if epoch == 0:
                first.append((rate, loss, float(objective(model, X, y))))
        epochs.append(float(objective(model, X, y)))
    return np.array(first), epochs
# %% Five schedules, three seeds: where each run ends
runs = {}
for name in make:
    model, opt, step = make_step(name)  # traced once, reset for each seed
    for seed in SEEDS:
        runs[name, seed] = train(model, opt, step, seed)
print("schedule       final loss, seeds 1 2 3   swing over the last 3 epochs")
for name in make:
    ends = [runs[name, seed][1] for seed in SEEDS]
    swing = max(max(e[-3:]) - min(e[-3:]) for e in ends)
    print(f"{name:<14} " + " ".join(f"{e[-1]:.4f}" for e in ends)
          + f"   {swing:.4f}")
# %% The first epoch
print("seed schedule       worst batch  lowest full loss  after the epoch")
for seed, name in ((seed, name) for seed in SEEDS for name in make):
    rates, batch, full = runs[name, seed][0].T
    low = int(np.argmin(full))
    print(f"{seed:<4} {name:<14} {batch.max():11.4f}  "
          f"{full[low]:7.4f} (step {low + 1:2})  {full[-1]:15.4f}")
    if (seed, name) == (SEEDS[0], "warmup+cosine"):
        climb = f"climbs from step {low + 2}, at rate {rates[low + 1]:.4f}"
print(f"warmup+cosine, seed {SEEDS[0]}: the loss {climb}")
# %% Figure
fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
for name in make:
    first, epochs = runs[name, SEEDS[0]]  # seed 1
    left.plot(range(1, PER_EPOCH + 1), first[:, 2], label=name)
    right.plot(range(1, EPOCHS + 1), epochs, marker="o", label=name)
left.axhline(np.log(10), color="gray", linestyle=":", label="ln 10")
left.set(title="first epoch: full loss after each step", xlabel="step")
right.set(title="full loss after each epoch", xlabel="epoch", yscale="log")
left.legend()
fig.suptitle(f"SGD on the digits, five schedules (seed {SEEDS[0]})")
plt.show()
