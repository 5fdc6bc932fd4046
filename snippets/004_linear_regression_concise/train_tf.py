# %% Settings
import warnings

import numpy as np
import tensorflow as tf

SEED = 0
NUM_EXAMPLES = 1000
TRUE_W = [2.0, -3.4]
TRUE_B = 4.2
NOISE = 0.01  # standard deviation of the Gaussian noise
LEARNING_RATE = 0.03
BATCH_SIZE = 10
EPOCHS = 3
tf.keras.utils.set_random_seed(SEED)  # Python, NumPy, TF (fit's shuffling)
print("examples:", NUM_EXAMPLES, "noise:", NOISE)
print("learning rate:", LEARNING_RATE)
print("batch size:", BATCH_SIZE, "epochs:", EPOCHS)

# %% The same synthetic data as day 3
rng = np.random.default_rng(SEED)
X = rng.normal(size=(NUM_EXAMPLES, 2)).astype(np.float32)
noise = rng.normal(scale=NOISE, size=NUM_EXAMPLES)
y = (X @ np.array(TRUE_W) + TRUE_B + noise).astype(np.float32)
y = y.reshape(-1, 1)  # targets of shape (n, 1), like the layer's output
print("true w:", TRUE_W, "true b:", TRUE_B)

# %% A built-in layer
net = tf.keras.Sequential(
    [tf.keras.Input(shape=(2,)), tf.keras.layers.Dense(1)]
)
layer = net.layers[0]
print("kernel shape (in, out):", tuple(layer.kernel.shape))
# Overwrite the random start with day 3's, to compare like with like.
layer.kernel.assign(rng.normal(scale=0.01, size=(2, 1)).astype(np.float32))
layer.bias.assign(np.zeros(1, dtype=np.float32))

# %% Loss and optimizer
loss_fn = tf.keras.losses.MeanSquaredError()
optimizer = tf.keras.optimizers.SGD(learning_rate=LEARNING_RATE)
net.compile(optimizer=optimizer, loss=loss_fn)
print(f"loss before training: {float(loss_fn(y, net(X))):.3e}")

# %% Training
# fit shuffles, batches and loops over the epochs.
history = net.fit(
    X, y, batch_size=BATCH_SIZE, epochs=EPOCHS, shuffle=True, verbose=0
)
for epoch, loss in enumerate(history.history["loss"]):
    print(f"epoch {epoch + 1}: mean minibatch loss {loss:.3e}")

# %% Results
w, b = layer.kernel.numpy().ravel(), float(layer.bias.numpy()[0])
print("learned w:", [round(float(v), 4) for v in w])
print("learned b:", round(b, 4))
print("error in w:", round(float(np.max(np.abs(w - TRUE_W))), 4))
print("error in b:", round(abs(b - TRUE_B), 4))

# %% Pitfall: targets of shape (n,)
# Predictions equal to four targets: the right loss is 0.
pred, y_col, y_flat = y[:4], y[:4], y[:4, 0]  # (4, 1), (4, 1), (4,)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    print(f"loss, targets (4, 1): {float(loss_fn(y_col, pred)):.4f}")
    print(f"loss, targets (4,): {float(loss_fn(y_flat, pred)):.4f}")
    # the same inside evaluate (a compiled graph), on all the data
    flat_loss = net.evaluate(X, y[:, 0], verbose=0)
    print(f"trained model, targets (n,): {flat_loss:.3e}")
print("warnings:", len(caught))

# "always" above shows every warning; Python's default filter shows a
# warning once per code location, so repeated calls print it once.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("default")
    for _ in range(5):
        loss_fn(y_flat, pred)
print("warnings from 5 calls, default filter:", len(caught))

# %% Pitfall: default initialisations differ
# A fresh 100 x 100 layer: Glorot uniform, limit sqrt(6 / (100 + 100)).
wide = tf.keras.layers.Dense(100)
wide.build((None, 100))
largest = np.abs(wide.kernel.numpy()).max()
print(f"default init, 100 x 100: max |w| {largest:.3f}")
print("default bias all zero:", bool(np.all(wide.bias.numpy() == 0)))
