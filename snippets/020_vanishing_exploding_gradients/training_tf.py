# %% Settings
import numpy as np
import tensorflow as tf

WIDTH = 64
DEPTH = 10
BATCH = 256
SEED = 0
MAX_NORM = 1.0  # threshold for clipping by global norm
LEARNING_RATE = 0.01
STEPS = 20
SMALL_LEARNING_RATE = 0.001  # plain SGD, no clipping
EDGE_LEARNING_RATE = 0.002  # plain SGD, no clipping
SEEDS = (0, 1, 2)
print(f"WIDTH: {WIDTH}\nDEPTH: {DEPTH}\nBATCH: {BATCH}\nSEED: {SEED}")
print(f"MAX_NORM: {MAX_NORM}\nLEARNING_RATE: {LEARNING_RATE}\nSTEPS: {STEPS}")
print(f"SMALL_LEARNING_RATE: {SMALL_LEARNING_RATE}\n"
      f"EDGE_LEARNING_RATE: {EDGE_LEARNING_RATE}\nSEEDS: {SEEDS}")

# %% Data and weights
tf.keras.utils.set_random_seed(SEED)  # the layers draw an init first

def make_data(seed):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((BATCH, WIDTH)).astype("float32")
    y = (x.sum(axis=1, keepdims=True) > 0).astype("float32")
    he = np.sqrt(2 / WIDTH)
    # weights twice the He scale: each layer doubles the signal, both ways
    draws = [rng.standard_normal((WIDTH, WIDTH)).astype("float32") * 2 * he
             for _ in range(DEPTH)]
    draws += [rng.standard_normal((WIDTH, 1)).astype("float32") / 8]
    return x, y, draws

x, y, draws = make_data(SEED)

# %% The exploding network
def build():
    layers = [tf.keras.layers.Dense(WIDTH, "relu", use_bias=False)
              for _ in range(DEPTH)]
    model = tf.keras.Sequential(
        layers + [tf.keras.layers.Dense(1, use_bias=False)])
    model.build((None, WIDTH))
    for layer, w in zip(model.layers, draws):
        layer.kernel.assign(w)  # Keras kernels are (fan_in, fan_out)
    return model

def gradients(model):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.keras.losses.binary_crossentropy(
            y, model(x), from_logits=True))
    return loss, tape.gradient(loss, model.trainable_variables)

# %% A training run
def train(clip, lr):
    model, losses, norms = build(), [], []
    opt = tf.keras.optimizers.SGD(learning_rate=lr)
    for step in range(STEPS):
        loss, grads = gradients(model)
        if clip:  # clip_by_global_norm returns the norm before clipping
            grads, norm = tf.clip_by_global_norm(grads, MAX_NORM)
            norms.append(float(norm))
        opt.apply_gradients(zip(grads, model.trainable_variables))
        losses.append(float(loss))
    return losses, norms

# %% Training without and with clipping
for clip in (False, True):
    losses, norms = train(clip, LEARNING_RATE)
    label = "with clipping" if clip else "no clipping"
    print(f"{label}, loss at steps 0-4:",
          " ".join(f"{v:.4g}" for v in losses[:5]))
    print(f"{label}, loss at step {STEPS - 1}: {losses[-1]:.4g}")
    print(f"{label}, loss at step 1 / step 0: {losses[1] / losses[0]:.3g}")
    print(f"{label}, loss at step {STEPS - 1} / step 0: "
          f"{losses[-1] / losses[0]:.3g}")
clipped = sum(n > MAX_NORM for n in norms)
print(f"with clipping, steps clipped: {clipped} of {STEPS}")
print(f"with clipping, smallest norm before clipping: {min(norms):.3g}")

# %% Three seeds: clipping against a smaller rate without it
print(f"loss at step {STEPS - 1}, by seed")
print(f"{'seed':>4} {'clipped':>9} {'plain':>9} {'plain':>9} {'smallest':>9}")
print(f"{'':>4} {LEARNING_RATE:>9} {SMALL_LEARNING_RATE:>9} "
      f"{EDGE_LEARNING_RATE:>9} {'norm':>9}")
final, clipped = {"clipped": [], "plain": [], "edge": []}, 0
for seed in SEEDS:
    x, y, draws = make_data(seed)  # build() and gradients() read these
    losses, norms = train(True, LEARNING_RATE)
    final["clipped"].append(losses[-1])
    final["plain"].append(train(False, SMALL_LEARNING_RATE)[0][-1])
    final["edge"].append(train(False, EDGE_LEARNING_RATE)[0][-1])
    clipped += sum(n > MAX_NORM for n in norms)
    print(f"{seed:4} " + " ".join(f"{final[k][-1]:9.2g}" for k in final)
          + f" {min(norms):9.3g}")
print(f"steps clipped, all seeds: {clipped} of {STEPS * len(SEEDS)}")
for key, lr in (("clipped", LEARNING_RATE), ("plain", SMALL_LEARNING_RATE)):
    v = np.array(final[key])
    print(f"{key} at {lr}: mean {v.mean():.2g}, "
          f"min {v.min():.2g}, max {v.max():.2g}")
