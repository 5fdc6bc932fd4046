# %% Two confidently wrong examples
import warnings

import numpy as np
import tensorflow as tf

LOGIT, LABEL = 50.0, 0.0  # binary: exact loss 50, gradient 1
LOGITS, TRUE_CLASS = (1000.0, 0.0, -1000.0), 1  # exact loss 1000
print(f"binary logit: {LOGIT}, label: {LABEL}")
print(f"categorical logits: {LOGITS}, true class: {TRUE_CLASS}")
z, y = tf.Variable([LOGIT]), tf.constant([LABEL])
p = tf.math.sigmoid(z)
print("sigmoid(50) in float32:", float(p[0]))
print("its derivative p(1 - p) in float32:", float(p[0] * (1 - p[0])))
gap = 1 - np.float32(1 - 1e-7)  # what Keras clips 1 - p to, in float32
print(f"1 - float32(1 - 1e-7): {gap:.3g}")
batch = np.array([[LOGIT]]), np.array([[LABEL]])  # for the Keras models
warnings.filterwarnings("ignore", ".*trainable weights")  # they have none
def show(name, loss, grad):
    print(f"{name}: loss {float(loss):.4f}, grad",
          " ".join(f"{v:.4f}" for v in np.ravel(grad)))

# %% Binary cross-entropy three ways, eagerly
bce = tf.keras.losses.BinaryCrossentropy
losses = {
    "by hand from probs": lambda p: -tf.reduce_mean(
        y * tf.math.log(p) + (1 - y) * tf.math.log(1 - p)),
    "built in from probs": lambda p: bce()(y, p),
    "built in from logits": lambda p: bce(from_logits=True)(y, z),
}
for name, loss_fn in losses.items():
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(z)
        p = tf.math.sigmoid(z)
        tape.watch(p)
        loss = loss_fn(p)
    show(f"binary, {name}", loss, tape.gradient(loss, z))
    if name == "built in from probs":  # where the zero comes from
        print(f"  dloss/dp: {float(tape.gradient(loss, p)[0]):.3g}")

# %% The same probability loss after a sigmoid the framework can see
with tf.GradientTape() as tape:  # Keras's own sigmoid, eagerly
    loss = bce()(y, tf.keras.activations.sigmoid(z))
show("binary, Keras sigmoid, eager", loss, tape.gradient(loss, z))
@tf.function
def traced(after):  # the sigmoid op inside a graph, then `after`
    with tf.GradientTape() as tape:
        loss = bce()(y, after(tf.math.sigmoid(z)))
    return loss, tape.gradient(loss, z)
show("binary, tf.math.sigmoid in tf.function", *traced(lambda p: p))
show("binary, sigmoid then reshape in tf.function",
     *traced(lambda p: tf.reshape(p, [1])))  # one op after the sigmoid
model = tf.keras.Sequential([tf.keras.layers.Activation("sigmoid")])
reshaped = tf.keras.Sequential([model, tf.keras.layers.Reshape((1,))])
for m in (model, reshaped):
    m.compile(loss=bce())
fit = model.fit(*batch, verbose=0).history["loss"][0]
print(f"binary, model ending in sigmoid, fit: loss {fit:.4f}")
for name, m in {"model ending in sigmoid": model,
                "sigmoid then Reshape layer": reshaped}.items():
    print(f"binary, {name}, evaluate: loss {m.evaluate(*batch, verbose=0):.4f}")

# %% Categorical cross-entropy three ways
z = tf.Variable([LOGITS])
onehot = tf.one_hot([TRUE_CLASS], len(LOGITS))
naive = lambda z: tf.exp(z) / tf.reduce_sum(tf.exp(z))  # exp(1000) = inf
stable = tf.nn.softmax(z, axis=1)  # subtracts the max first: no overflow
print("naive softmax:", naive(z).numpy()[0], "stable:", stable.numpy()[0])
cce = tf.keras.losses.CategoricalCrossentropy
losses = {
    "by hand, naive softmax": lambda: -tf.reduce_sum(
        onehot * tf.math.log(naive(z))),  # one example: the sum is the mean
    "built in from probs": lambda: cce()(onehot, tf.nn.softmax(z, axis=1)),
    "built in from logits": lambda: cce(from_logits=True)(onehot, z),
}
for name, loss_fn in losses.items():
    with tf.GradientTape() as tape:
        loss = loss_fn()
    show(f"categorical, {name}", loss, tape.gradient(loss, z))

# %% The same probability loss after a softmax the framework can see
traced = tf.function(lambda: cce()(onehot, tf.nn.softmax(z, axis=1)))
with tf.GradientTape() as tape:
    loss = traced()
show("categorical, softmax in tf.function", loss, tape.gradient(loss, z))
