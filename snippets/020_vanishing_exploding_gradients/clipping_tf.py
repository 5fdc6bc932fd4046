# %% Settings and data
import numpy as np
import tensorflow as tf

WIDTH = 64
DEPTH = 10
BATCH = 256
SEED = 0
MAX_NORM = 1.0  # threshold for clipping by global norm
CLIP_VALUE = 0.01  # threshold for clipping by value
print(f"WIDTH: {WIDTH}\nDEPTH: {DEPTH}\nBATCH: {BATCH}\nSEED: {SEED}")
print(f"MAX_NORM: {MAX_NORM}\nCLIP_VALUE: {CLIP_VALUE}")

# %% Data and weights
tf.keras.utils.set_random_seed(SEED)  # the layers draw an init first
rng = np.random.default_rng(SEED)
x = rng.standard_normal((BATCH, WIDTH)).astype("float32")
y = (x.sum(axis=1, keepdims=True) > 0).astype("float32")
he = np.sqrt(2 / WIDTH)
# weights twice the He scale: each layer doubles the signal, both ways
draws = [rng.standard_normal((WIDTH, WIDTH)).astype("float32") * 2 * he
         for _ in range(DEPTH)]
draws += [rng.standard_normal((WIDTH, 1)).astype("float32") / 8]

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

def flat(grads):
    return tf.concat([tf.reshape(g, [-1]) for g in grads], axis=0)

# %% Clipping one gradient
def cosine(a, b):  # Keras's cosine_similarity loss is minus the cosine
    return -float(tf.keras.losses.cosine_similarity(flat(a), flat(b)))


loss, grads = gradients(build())
# rescales all gradients together; returns the norm before clipping
clipped, norm = tf.clip_by_global_norm(grads, MAX_NORM)
# clips each entry on its own
by_value = [tf.clip_by_value(g, -CLIP_VALUE, CLIP_VALUE) for g in grads]
print(f"loss at the start: {float(loss):.4g}")
print(f"global gradient norm: {float(norm):.5g}")
print(f"norm after clipping by norm: {float(tf.norm(flat(clipped))):.6f}")
print(f"cosine(clipped by norm, original): {cosine(clipped, grads):.6f}")
print(f"norm after clipping by value: {float(tf.norm(flat(by_value))):.4f}")
print(f"cosine(clipped by value, original): {cosine(by_value, grads):.4f}")

# %% Per tensor or global? One step of SGD at learning rate 1
for name, clip in (("each tensor", {"clipnorm": MAX_NORM}),
                   ("all together", {"global_clipnorm": MAX_NORM})):
    model = build()
    before = flat(model.trainable_variables)
    _, grads = gradients(model)
    opt = tf.keras.optimizers.SGD(learning_rate=1.0, **clip)
    opt.apply_gradients(zip(grads, model.trainable_variables))
    step = tf.norm(flat(model.trainable_variables) - before)
    print(f"{name}: tensors {len(grads)}, step norm {float(step):.4f}")
