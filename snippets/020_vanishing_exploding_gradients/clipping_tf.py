import numpy as np
import tensorflow as tf

WIDTH, DEPTH, MAX_NORM = 64, 10, 1.0
rng = np.random.default_rng(0)
x = rng.standard_normal((256, WIDTH)).astype("float32")
y = (x.sum(axis=1, keepdims=True) > 0).astype("float32")
# weights twice the He scale: every layer doubles the signal, forward and backward
draws = [rng.standard_normal((WIDTH, WIDTH)).astype("float32") * 2 * np.sqrt(2 / WIDTH)
         for _ in range(DEPTH)] + [rng.standard_normal((WIDTH, 1)).astype("float32") / 8]


def build():
    layers = [tf.keras.layers.Dense(WIDTH, "relu", use_bias=False) for _ in range(DEPTH)]
    model = tf.keras.Sequential(layers + [tf.keras.layers.Dense(1, use_bias=False)])
    model.build((None, WIDTH))
    for layer, w in zip(model.layers, draws):
        layer.kernel.assign(w)
    return model


def gradients(model):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.keras.losses.binary_crossentropy(y, model(x), from_logits=True))
    return loss, tape.gradient(loss, model.trainable_variables)


def flat(grads):
    return tf.concat([tf.reshape(g, [-1]) for g in grads], axis=0)


def cosine(a, b):  # Keras's cosine_similarity loss is minus the cosine
    return -float(tf.keras.losses.cosine_similarity(flat(a), flat(b)))


model = build()
loss, grads = gradients(model)
clipped, norm = tf.clip_by_global_norm(grads, MAX_NORM)  # rescales all gradients together
by_value = [tf.clip_by_value(g, -0.01, 0.01) for g in grads]  # clips each entry on its own
print(f"loss at the start: {float(loss):.4g}")
print(f"global gradient norm: {float(norm):.5g}")
print(f"after clip_by_global_norm({MAX_NORM}): {float(tf.norm(flat(clipped))):.6f}")
print(f"cosine(clipped, original): {cosine(clipped, grads):.6f}")
print(f"after clip_by_value(0.01): norm {float(tf.norm(flat(by_value))):.4f},",
      f"cosine with original {cosine(by_value, grads):.4f}")

for clip in (False, True):  # 20 steps of plain SGD, without and with clipping
    model, losses = build(), []
    opt = tf.keras.optimizers.SGD(learning_rate=0.01)
    for step in range(20):
        loss, grads = gradients(model)
        if clip:
            grads, _ = tf.clip_by_global_norm(grads, MAX_NORM)
        opt.apply_gradients(zip(grads, model.trainable_variables))
        losses.append(float(loss))
    label = "with clipping" if clip else "no clipping"
    print(f"{label}, loss at steps 0-4:", " ".join(f"{v:.4g}" for v in losses[:5]))
    print(f"{label}, loss at step 19: {losses[-1]:.4g}")
