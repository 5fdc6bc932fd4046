# %% Settings
import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

DATA_SEED = 0  # the sequences; each seed draws the weights and batches
SEEDS = (0, 1, 2)
HIDDEN = 32
SEQ_LEN = 30
LAG = 2  # the target is the input LAG steps before the last one
N_TRAIN, N_TEST = 512, 512
BATCH_SIZE, STEPS = 128, 200
LEARNING_RATE = 0.3  # plain SGD
SCALE = 1.5  # recurrent weights: SCALE * N(0, 1) / sqrt(HIDDEN)
MAX_NORM = 1.0  # the clipping threshold for the global gradient norm
for name in ["DATA_SEED", "SEEDS", "HIDDEN", "SEQ_LEN", "LAG", "N_TRAIN",
             "N_TEST", "BATCH_SIZE", "STEPS", "LEARNING_RATE", "SCALE",
             "MAX_NORM"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: recall the input from LAG steps before the end
rng = np.random.default_rng(DATA_SEED)
X = rng.standard_normal((N_TRAIN + N_TEST, SEQ_LEN, 1)).astype("float32")
y = X[:, SEQ_LEN - 1 - LAG]  # (sequences, 1)
X_train, y_train = X[:N_TRAIN], y[:N_TRAIN]
X_test, y_test = X[N_TRAIN:], y[N_TRAIN:]
baseline = float(((y_test - y_train.mean()) ** 2).mean())
print(f"baseline test MSE (predict the training mean): {baseline:.3f}")

# %% A tanh RNN, weights drawn in NumPy (the same start in both twins)
model = keras.Sequential([keras.Input((SEQ_LEN, 1)),
                          keras.layers.SimpleRNN(HIDDEN, use_bias=False),
                          keras.layers.Dense(1)])
def initialise(seed):  # Keras stores the transposes of PyTorch's weights
    r = np.random.default_rng(seed)
    weights = [0.5 * r.standard_normal((HIDDEN, 1)),  # input, recurrent,
               SCALE * r.standard_normal((HIDDEN, HIDDEN)) / HIDDEN**0.5,
               r.standard_normal((1, HIDDEN)) / HIDDEN**0.5,  # output
               np.zeros(1)]  # and its bias; the RNN has no bias
    model.set_weights([w.T for w in weights])
    return r  # it goes on to draw the batches

# %% One step, with or without clipping the gradient's global norm
sgd = keras.optimizers.SGD(learning_rate=LEARNING_RATE)
@tf.function
def step(x, y, clip):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean((model(x) - y) ** 2)
    grads = tape.gradient(loss, model.trainable_variables)
    norm = tf.linalg.global_norm(grads)  # the norm before clipping
    if clip:
        grads, _ = tf.clip_by_global_norm(grads, MAX_NORM, use_norm=norm)
    sgd.apply_gradients(zip(grads, model.trainable_variables))
    return loss, norm

# %% Training: loss, gradient norm and W_hh's largest singular value
def train(seed, clip):
    r = initialise(seed)
    log = []  # loss, gradient norm, W_hh's largest singular value (before)
    for _ in range(STEPS):
        W = model.layers[0].get_weights()[1]
        sigma = np.linalg.norm(W, 2) if np.isfinite(W).all() else np.nan
        batch = r.integers(0, N_TRAIN, BATCH_SIZE)
        loss, norm = step(X_train[batch], y_train[batch], clip)
        log.append((float(loss), float(norm), sigma))
    test = float(tf.reduce_mean((model(X_test) - y_test) ** 2))
    return *np.array(log).T, test
# %% Three seeds
curves = {}
for seed in SEEDS:
    for clip in (False, True):
        losses, norms, sigmas, test = train(seed, clip)
        curves[seed, clip] = losses
        bad = np.flatnonzero(~np.isfinite(losses))
        top = np.nanargmax(np.where(np.isfinite(norms), norms, np.nan))
        print(f"seed {seed}, {'clipped' if clip else 'unclipped'}: norm "
              f"{norms[0]:.1e} at step 0, largest finite {norms[top]:.1e} "
              f"(step {top})")
        print(f"  W_hh's largest singular value {sigmas[0]:.2f} -> "
              f"{np.nanmax(sigmas):.1e}, first non-finite loss: "
              f"{bad[0] if len(bad) else 'none'}")
        print(f"  steps with norm > {MAX_NORM}: {np.mean(norms > MAX_NORM):.2f}"
              f", test MSE {test:.3f}")

# %% Figure
fig, ax = plt.subplots()
for (seed, clip), losses in curves.items():
    name = ("clipped" if clip else "unclipped") if seed == 0 else None
    ax.semilogy(losses, color="C1" if clip else "C0", alpha=0.7, label=name)
ax.axhline(baseline, color="gray", linestyle="--", label="predict the mean")
ax.set(xlabel="step", ylabel="training loss (MSE)")
ax.set_title("TensorFlow: a tanh RNN at scale 1.5, with and without clipping")
ax.legend()
plt.show()
