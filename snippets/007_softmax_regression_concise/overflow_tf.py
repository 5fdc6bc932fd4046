# %% Two examples, and the float32 limit
import warnings

import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

F32 = np.finfo(np.float32)
F32_MAX = F32.max
print(f"float32 max: {F32_MAX:.4g}, its log: {np.log(F32_MAX):.1f}")
print(f"smallest normal: {F32.tiny:.2g}, its log: {np.log(F32.tiny):.1f}")
half_subnormal = float(F32.smallest_subnormal) / 2
print(f"exp(x) rounds to 0 below x = {np.log(half_subnormal):.1f}")
print(f"exp(89) in float32: {float(tf.exp(89.0))}")
logits = tf.constant([[1000.0, 999.0, 998.0], [100.0, 0.0, -100.0]])
labels = tf.constant([0, 2])

# %% Two ways to compute softmax
def naive_softmax(Z):
    return tf.exp(Z) / tf.reduce_sum(tf.exp(Z), axis=1, keepdims=True)
def shifted_softmax(Z):
    E = tf.exp(Z - tf.reduce_max(Z, axis=1, keepdims=True))
    return E / tf.reduce_sum(E, axis=1, keepdims=True)

# %% Three ways to compute the loss
def nll(P, y):  # -log P[i, y_i]
    return -tf.math.log(tf.gather(P, y, batch_dims=1))
def stable_cross_entropy(Z, y):  # LSE(Z) - Z[y], the max taken out
    m = tf.reduce_max(Z, axis=1)
    lse = m + tf.math.log(tf.reduce_sum(tf.exp(Z - m[:, None]), axis=1))
    return lse - tf.gather(Z, y, batch_dims=1)
def fused(Z, y):  # the built-in: softmax and cross-entropy in one op
    return tf.keras.losses.sparse_categorical_crossentropy(
        y, Z, from_logits=True
    )

# %% The two examples, four ways
def show(t):
    return np.round(t.numpy().astype("float64"), 4).tolist()

print("naive softmax:", show(naive_softmax(logits)))
print("naive loss:", show(nll(naive_softmax(logits), labels)))
print("shifted softmax:", show(shifted_softmax(logits)))
print("shifted loss:", show(nll(shifted_softmax(logits), labels)))
print("stable by hand:", show(stable_cross_entropy(logits, labels)))
print("fused built-in:", show(fused(logits, labels)))

# %% A sweep: logits (s, 0, -s), middle class correct, true loss about s
s = np.arange(0.0, 150.5, 0.5).astype("float32")
Z = tf.constant(s[:, None] * [1.0, 0.0, -1.0], tf.float32)
y = tf.ones(len(s), tf.int32)
curves = {
    "naive": nll(naive_softmax(Z), y).numpy(),
    "shifted": nll(shifted_softmax(Z), y).numpy(),
    "fused": fused(Z, y).numpy(),
}
last = {name: s[np.isfinite(loss)].max() for name, loss in curves.items()}
for name in curves:
    print(f"{name} loss finite up to s = {last[name]}")

# %% Figure
fig, ax = plt.subplots()
for name, loss in curves.items():
    ok = np.isfinite(loss)
    thick = name == "fused"
    ax.plot(s[ok], loss[ok], lw=6 if thick else 2, alpha=0.5 if thick else 1,
            label=f"{name}: finite up to s = {last[name]}",
            marker="X", markevery=[-1], ms=10)
ax.axvline(np.log(F32_MAX), color="gray", ls=":",
           label="ln(float32 max) = 88.7")
ax.set_xlabel("logit scale s, logits (s, 0, -s)")
ax.set_ylabel("cross-entropy of the middle class")
ax.set_title("TensorFlow: naive and shifted losses stop, the fused one goes on")
ax.legend()
plt.show()

# %% Probabilities instead of logits
bad, label = tf.constant([[0.0, 0.0, 100.0]]), tf.constant([0])  # loss 100
outside = tf.nn.softmax(bad).numpy()  # probabilities as a NumPy array
prob_loss = tf.keras.losses.SparseCategoricalCrossentropy()  # wants probs
model = tf.keras.Sequential([tf.keras.layers.Activation("softmax")])
model.compile(loss=prob_loss)
warnings.filterwarnings("ignore", ".*trainable weights")  # none to train
fit = model.fit(bad, label, verbose=0).history["loss"][0]
graph = tf.function(lambda f: prob_loss(label, f(bad)))
reshaped = lambda Z: tf.reshape(tf.nn.softmax(Z), [1, 3])  # one op after it
print("Keras clips probabilities, eps =", tf.keras.config.epsilon())
for name, loss in {
    "Keras softmax, eager": prob_loss(label, tf.keras.activations.softmax(bad)),
    "model ending in softmax, evaluate": model.evaluate(bad, label, verbose=0),
    "model ending in softmax, fit": fit,
    "tf.nn.softmax inside tf.function": graph(tf.nn.softmax),
    "softmax then reshape inside tf.function": graph(reshaped),
    "tf.nn.softmax, eager": prob_loss(label, tf.nn.softmax(bad)),
    "same probabilities made outside": prob_loss(label, outside),
}.items():
    print(f"{name}: {float(loss):.3f}")
