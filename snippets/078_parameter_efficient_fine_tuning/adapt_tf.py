# %% Settings
import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

D, HIDDEN, CLASSES, TEACHER = 16, 64, 4, 32  # input, model, classes
N_A, N_B, N_TEST = 2000, 500, 2000  # task A, task B (few), test on B
BASE_STEPS, STEPS, LEARNING_RATE = 300, 200, 0.01  # full batch, Adam
RANKS, ALPHA, SHIFT = (1, 4), 4, 1.0  # SHIFT: size of B's rank-1 change
DATA_SEED, SEEDS = 0, (0, 1, 2)
for name in [k for k in list(globals()) if k.isupper()]:  # the settings
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
# %% Two related tasks: B's teacher = A's with a rank-1 change
rng = np.random.default_rng(DATA_SEED)
w1, w2 = rng.normal(size=(D, TEACHER)), rng.normal(size=(TEACHER, CLASSES))
w1_b = w1 + SHIFT * rng.normal(size=(D, 1)) @ rng.normal(size=(1, TEACHER))
teacher = lambda x, w: np.argmax(np.maximum(x @ w, 0) @ w2, axis=1)
def make(n, w):  # inputs and the teacher's class
    x = rng.normal(size=(n, D))
    return tf.constant(x, tf.float32), teacher(x, w)
(xa, ya), (xb, yb) = make(N_A, w1), make(N_B, w1_b)
xt, yt = make(N_TEST, w1_b)  # test inputs, labelled by B's teacher
changed = np.mean(teacher(xt.numpy().astype(float), w1) != yt)
print(f"test labels that change from A's teacher to B's: {changed:.3f}")
# %% The LoRA layer of the lora snippet, and a way to wrap a model
class LoRADense(keras.layers.Layer):
    def __init__(self, base, rank):
        super().__init__()
        self.base, self.scale, base.trainable = base, ALPHA / rank, False
        d_in, d_out = base.kernel.shape
        self.A = self.add_weight((d_in, rank), keras.initializers.RandomNormal(
            stddev=d_in ** -0.5))  # as in the lora snippet: not on r
        self.B = self.add_weight((rank, d_out), "zeros")
    def call(self, x):
        return self.base(x) + self.scale * (x @ self.A) @ self.B
def with_lora(model, rank):  # every Dense wrapped (ReLUs are new layers)
    return keras.Sequential([LoRADense(m, rank) if isinstance(
        m, keras.layers.Dense) else keras.layers.ReLU() for m in model.layers])
# %% Training and scoring
def train(model, params, x, y, steps):
    adam = keras.optimizers.Adam(LEARNING_RATE)
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    @tf.function
    def step():
        with tf.GradientTape() as tape:
            value = loss(y, model(x))
        adam.apply_gradients(zip(tape.gradient(value, params), params))
    for _ in range(steps):
        step()
    return model
def accuracy(model):  # on task B's test set
    return float(np.mean(np.argmax(model(xt), 1) == yt))
count = lambda params: sum(int(np.prod(p.shape)) for p in params)
# %% The base model (trained on A), and four ways to adapt it to B
def base_model(seed):
    keras.utils.set_random_seed(seed)  # initial weights; the LoRA A too
    base = keras.Sequential([keras.Input((D,)), keras.layers.Dense(HIDDEN),
                             keras.layers.ReLU(), keras.layers.Dense(HIDDEN),
                             keras.layers.ReLU(), keras.layers.Dense(CLASSES)])
    return train(base, base.trainable_weights, xa, ya, BASE_STEPS)
METHODS = [f"LoRA r={r}" for r in RANKS] + ["head only", "full fine-tuning"]
def adapt(base, method):  # the tuned model and its trainable parameters
    model = with_lora(base, int(method[-1])) if "LoRA" in method else base
    params = model.trainable_weights
    if method == "head only":
        params = base.layers[-1].trainable_weights
    return accuracy(train(model, params, xb, yb, STEPS)), count(params)
# %% Per seed: the base model's accuracy on B, then each method, same steps
rows, sizes = {}, {}  # accuracies per seed; trainable parameters
for seed in SEEDS:
    base = base_model(seed)
    state = base.get_weights()
    results = {"base, no tuning": (accuracy(base), 0)}
    for method in METHODS:
        base.set_weights(state)  # fresh: the base model trained on A
        for layer in base.layers:
            layer.trainable = True
        results[method] = adapt(base, method)
    for name, (acc, n) in results.items():
        rows.setdefault(name, []).append(acc)
        sizes[name] = n
        print(f"seed {seed}, {name}: accuracy on B {acc:.3f}, trainable {n}")
# %% Summary over the seeds; accuracy against trainable parameters
fig, ax = plt.subplots(figsize=(6, 3.5), layout="constrained")
for name, accs in rows.items():
    print(f"{name}: mean {np.mean(accs):.3f}, min {min(accs):.3f}, "
          f"max {max(accs):.3f}")
    if sizes[name] == 0:  # the base model: a line to beat
        ax.axhline(np.mean(accs), color="gray", ls="--", label=name)
    else:
        ax.plot([sizes[name]] * len(accs), accs, "o", label=name)
ax.set(xscale="log", xticks=[250, 500, 1000, 2000, 5000], ylabel="accuracy",
       xlabel="trainable parameters (log scale)", title="Task B: accuracy of "
       "each seed against trainable parameters")
ax.minorticks_off()
ax.xaxis.set_major_formatter("{x:.0f}")
ax.legend(fontsize=8)
plt.show()
