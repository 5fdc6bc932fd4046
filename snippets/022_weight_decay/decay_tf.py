# %% Settings
import numpy as np
import tensorflow as tf

N = 200  # samples
D = 8  # features, with scales from 0.1 to 10
NOISE = 0.1
WEIGHT_DECAY = 0.1  # matches a loss term 0.5 * WEIGHT_DECAY * |w|^2
LEARNING_RATE = 0.01
EPSILON = 1e-8  # Adam's epsilon, set in both frameworks (Keras: 1e-7)
STEPS = 1000  # the first checkpoint
LONG_STEPS = 5000  # the second, for AdamW
MOMENTUM = 0.9  # for the momentum pair, run for STEPS
SEED = 0
print(f"N: {N}\nD: {D}\nNOISE: {NOISE}\nWEIGHT_DECAY: {WEIGHT_DECAY}")
print(f"LEARNING_RATE: {LEARNING_RATE}\nEPSILON: {EPSILON}\n"
      f"MOMENTUM: {MOMENTUM}")
print(f"STEPS: {STEPS}\nLONG_STEPS: {LONG_STEPS}\nSEED: {SEED}")

# %% Data, and two closed forms: ridge and no penalty
rng = np.random.default_rng(SEED)
scales = np.logspace(-1, 1, D)
X = (rng.standard_normal((N, D)) * scales).astype(np.float32)
y = (X @ (1 / scales) + NOISE * rng.standard_normal(N)).astype(np.float32)
# the minimiser of 0.5 * mean squared error + 0.5 * WEIGHT_DECAY * |w|^2
ridge = np.linalg.solve(X.T @ X / N + WEIGHT_DECAY * np.eye(D), X.T @ y / N)
plain = np.linalg.lstsq(X, y)[0]  # no penalty: ordinary least squares
print("ridge weights:        ", np.round(ridge, 2))
print("least-squares weights:", np.round(plain, 2))
X, y = tf.constant(X), tf.constant(y)

# %% Training, with the penalty in the loss or in the optimizer
tf.get_logger().setLevel("ERROR")  # each run traces its own graph, on purpose
def train(opt_class, l2_in_loss, checkpoints=(STEPS,), **kwargs):
    w = tf.Variable(tf.zeros(D))
    opt = opt_class(learning_rate=LEARNING_RATE, **kwargs)

    @tf.function
    def steps(count):  # a graph loop: thousands of steps run fast
        for _ in tf.range(count):
            with tf.GradientTape() as tape:
                loss = 0.5 * tf.reduce_mean((tf.linalg.matvec(X, w) - y) ** 2)
                if l2_in_loss:  # its gradient is WEIGHT_DECAY * w
                    loss = loss + 0.5 * WEIGHT_DECAY * tf.reduce_sum(w**2)
            opt.apply_gradients([(tape.gradient(loss, w), w)])

    saved, done = [], 0
    for checkpoint in checkpoints:
        steps(tf.constant(checkpoint - done))
        saved.append(w.numpy().copy())
        done = checkpoint
    return saved

# %% Five ways to fit one objective
keras = tf.keras.optimizers
runs = {
    "SGD, L2 in the loss": train(keras.SGD, l2_in_loss=True),
    "SGD, weight_decay": train(keras.SGD, l2_in_loss=False,
                               weight_decay=WEIGHT_DECAY),
    "Adam, L2 in the loss": train(keras.Adam, l2_in_loss=True,
                                  epsilon=EPSILON),
    "Adam, weight_decay": train(keras.Adam, l2_in_loss=False,
                                weight_decay=WEIGHT_DECAY, epsilon=EPSILON),
    "AdamW, weight_decay": train(keras.AdamW, l2_in_loss=False,
                                 checkpoints=(STEPS, LONG_STEPS),
                                 weight_decay=WEIGHT_DECAY, epsilon=EPSILON),
}
# %% Distances at the checkpoints
def gap(a, b):
    return np.abs(a - b).max()

print(f"{'run':21} {'steps':>5} {'to ridge':>9} {'to least squares':>17}")
for name, saved in runs.items():
    for steps, w in zip((STEPS, LONG_STEPS), saved):
        print(f"{name:21} {steps:5} {gap(w, ridge):9.4f} {gap(w, plain):17.4f}")
sgd_gap = gap(*runs["SGD, L2 in the loss"], *runs["SGD, weight_decay"])
adam_gap = gap(runs["Adam, L2 in the loss"][0], runs["AdamW, weight_decay"][0])
print(f"SGD gap (L2 in loss vs decay in optimizer): {sgd_gap:.1e}")
print(f"Adam gap (L2 in loss vs AdamW): {adam_gap:.3f}")
for steps, w in zip((STEPS, LONG_STEPS), runs["AdamW, weight_decay"]):
    print(f"AdamW weights at {steps} steps:", np.round(w, 2))

# %% Pitfalls: factors of two, and the learning rate
w = tf.Variable([1.0, 2.0, 3.0])
print(f"0.5 * WEIGHT_DECAY * |w|^2: {0.5 * WEIGHT_DECAY * 14:.2f}")
l2 = tf.keras.regularizers.L2(WEIGHT_DECAY)
print(f"keras L2(WEIGHT_DECAY) penalty: {float(l2(w)):.2f}")
opt = tf.keras.optimizers.SGD(learning_rate=LEARNING_RATE,
                              weight_decay=WEIGHT_DECAY)
opt.apply_gradients([(tf.zeros(3), w)])  # no data gradient: decay only
print("one SGD step with weight_decay, no gradient:", w.numpy())
print(f"1 - LEARNING_RATE * WEIGHT_DECAY: {1 - LEARNING_RATE * WEIGHT_DECAY}")

# %% With momentum: L2 in the loss against weight_decay= again
momentum = dict(momentum=MOMENTUM)  # STEPS steps, as above
in_loss = train(keras.SGD, l2_in_loss=True, **momentum)[0]
decayed = train(keras.SGD, l2_in_loss=False, weight_decay=WEIGHT_DECAY,
                **momentum)[0]
print(f"SGD momentum gap after {STEPS} steps: "
      f"{gap(in_loss, decayed):.1e}")
