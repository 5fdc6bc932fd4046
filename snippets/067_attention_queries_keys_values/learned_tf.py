# %% Settings
import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

SEEDS = (0, 1, 2)  # each seed: its own keys, noise and starting width
N_KEYS = 50  # training pairs (x_i, y_i): the keys and the values
N_QUERIES = 50  # evenly spaced points where the function is estimated
NOISE = 0.3  # standard deviation of the noise on each y_i
WIDTH = 1.0  # the fixed Gaussian kernel's width, for comparison
STEPS = 400  # full-batch Adam steps on the width
LEARNING_RATE = 0.05
for name in [k for k in list(globals()) if k.isupper()]:  # the settings
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]!r}")

# %% The true function, the queries, and a grid search in NumPy
def f(x):  # the true function, as in the pooling snippet
    return np.sin(2 * x) + 0.4 * x
queries = tf.constant(np.linspace(0, 5, N_QUERIES))
truth = tf.constant(f(queries.numpy()))
def grid_search(x, y, widths):  # leave-one-out MSE of many widths, NumPy
    scores = -((x[:, None] - x[None, :]) ** 2) / (2 * widths[:, None, None]**2)
    scores[:, np.arange(len(x)), np.arange(len(x))] = -np.inf
    w = np.exp(scores - scores.max(axis=2, keepdims=True))
    loo = (((w / w.sum(axis=2, keepdims=True)) @ y - y) ** 2).mean(axis=1)
    return widths[np.argmin(loo)]

# %% A kernel with a learnable width: one parameter, log h
class KernelPooling(keras.layers.Layer):
    def __init__(self, width):
        super().__init__(dtype="float64")
        self.log_width = self.add_weight(shape=(), initializer=keras.
                                         initializers.Constant(np.log(width)))
    def call(self, queries, keys, values, leave_out_self=False):
        diff = queries[:, None] - keys[None, :]
        scores = -(diff**2) / (2 * tf.exp(self.log_width) ** 2)
        if leave_out_self:  # a training point may not look up its own value
            scores = tf.where(tf.eye(len(keys), dtype=tf.bool),
                              tf.cast(-float("inf"), scores.dtype), scores)
        self.attention = tf.nn.softmax(scores, axis=1)  # kept for the plot
        return tf.linalg.matvec(self.attention, values)

# %% Training by backpropagation: predict each y_i from the other pairs
def train(keys, values, width, leave_out_self=True):
    model = KernelPooling(width)
    adam = keras.optimizers.Adam(learning_rate=LEARNING_RATE)
    @tf.function  # one graph for every step: eager Keras is slow here
    def step():
        with tf.GradientTape() as tape:
            fit = model(keys, keys, values, leave_out_self=leave_out_self)
            loss = tf.reduce_mean((fit - values) ** 2)
        grads = tape.gradient(loss, model.trainable_variables)  # via softmax
        adam.apply_gradients(zip(grads, model.trainable_variables))
        return loss
    for _ in range(STEPS):
        loss = step()
    return model, float(loss)

# %% Three seeds: average pooling, fixed width, learned width
print("seed  start h  learned h  grid h | MSE: average  h = 1  learned")
runs, fitted = [], []
for seed in SEEDS:
    rng = np.random.default_rng(seed)  # seed 0 draws the pooling data
    x = np.sort(rng.uniform(0, 5, N_KEYS))
    y = f(x) + rng.normal(0, NOISE, N_KEYS)
    keys, values, start = tf.constant(x), tf.constant(y), rng.uniform(0.2, 2)
    model, loss = train(keys, values, start)
    best = grid_search(x, y, np.linspace(0.05, 2.0, 391))  # steps of 0.005
    estimates = [tf.fill([N_QUERIES], tf.reduce_mean(values)),  # average
                 KernelPooling(WIDTH)(queries, keys, values),
                 model(queries, keys, values)]
    mse = [float(tf.reduce_mean((e - truth) ** 2)) for e in estimates]
    runs.append(mse), fitted.append((model, keys, values))
    print(f"{seed:4d}  {start:7.3f}  {tf.exp(model.log_width):9.3f}  "
          f"{best:6.3f} | {mse[0]:12.4f}  {mse[1]:.4f}  {mse[2]:.4f}")
print("mean MSE: average {:.4f}, h = 1 {:.4f}, learned {:.4f}".format(
    *np.mean(runs, axis=0)))

# %% The pitfall: let each point see its own value, and h collapses
model, keys, values = fitted[0]  # seed 0
cheat, loss = train(keys, values, 1.0, leave_out_self=False)
mse = tf.reduce_mean((cheat(queries, keys, values) - truth) ** 2)
print(f"without leaving a point out: h = {tf.exp(cheat.log_width):.3f}, "
      f"training MSE {loss:.4f},\n  MSE against the true function {mse:.4f}")

# %% The learned attention weights for seed 0
fixed = KernelPooling(WIDTH)
fixed(queries, keys, values), model(queries, keys, values)  # each stores
for name, layer in [("h = 1", fixed), ("learned h", model)]:  # its weights
    spread = tf.reduce_mean(1 / tf.reduce_sum(layer.attention**2, axis=1))
    print(f"keys a query effectively averages, {name}: {spread:.1f}")
fig, ax = plt.subplots(figsize=(5, 4))
image = ax.imshow(model.attention.numpy(), cmap="viridis", aspect="auto",
                  extent=[0, N_KEYS, 5, 0])  # row: a query; column: a key
fig.colorbar(image, ax=ax, label="attention weight")
ax.set_xlabel("key (training points, sorted by x)"), ax.set_ylabel("query x")
ax.set_title(f"Learned width h = {tf.exp(model.log_width):.3f}: "
             "attention weights")
plt.show()
