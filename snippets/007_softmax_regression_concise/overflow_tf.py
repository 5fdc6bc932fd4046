import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

logits = tf.constant([[1000.0, 999.0, 998.0], [100.0, 0.0, -100.0]])  # float32
labels = tf.constant([0, 2])
print(f"float32 max: {np.finfo(np.float32).max:.4g}, exp(89) in float32: {float(tf.exp(89.0))}")

def naive_softmax(Z):
    return tf.exp(Z) / tf.reduce_sum(tf.exp(Z), axis=1, keepdims=True)

def shifted_softmax(Z):
    E = tf.exp(Z - tf.reduce_max(Z, axis=1, keepdims=True))
    return E / tf.reduce_sum(E, axis=1, keepdims=True)

def nll(P, y):  # -log P[i, y_i]
    return -tf.math.log(tf.gather(P, y, batch_dims=1))

def stable_cross_entropy(Z, y):  # logsumexp(Z) - Z[y], computed with the max taken out
    m = tf.reduce_max(Z, axis=1)
    logsumexp = m + tf.math.log(tf.reduce_sum(tf.exp(Z - m[:, None]), axis=1))
    return logsumexp - tf.gather(Z, y, batch_dims=1)

def fused(Z, y):  # the built-in: softmax and cross-entropy in one op
    return tf.keras.losses.sparse_categorical_crossentropy(y, Z, from_logits=True)

show = lambda t: np.round(t.numpy().astype("float64"), 4).tolist()
print("naive softmax:", show(naive_softmax(logits)))
print("naive loss:", show(nll(naive_softmax(logits), labels)))
print("shifted softmax:", show(shifted_softmax(logits)))
print("shifted loss:", show(nll(shifted_softmax(logits), labels)))
print("stable by hand:", show(stable_cross_entropy(logits, labels)))
print("fused built-in:", show(fused(logits, labels)))

# Logits (s, 0, -s) with the middle class correct: the true loss is about s.
s = np.arange(0.0, 150.5, 0.5).astype("float32")
Z, y = tf.constant(s[:, None] * [1.0, 0.0, -1.0], tf.float32), tf.ones(len(s), tf.int32)
curves = {"naive": nll(naive_softmax(Z), y), "shifted": nll(shifted_softmax(Z), y), "fused": fused(Z, y)}
for name, loss in curves.items():
    finite = np.isfinite(loss.numpy())
    print(f"{name} loss finite up to s = {s[finite].max()}")
    plt.plot(s[finite], loss.numpy()[finite], lw=6 if name == "fused" else 2, alpha=0.5 if name == "fused" else 1,
             label=f"{name}: finite up to s = {s[finite].max()}", marker="X", markevery=[-1], ms=10)
plt.axvline(np.log(np.finfo(np.float32).max), color="gray", ls=":", label="ln(float32 max) = 88.7")
plt.xlabel("logit scale s, logits (s, 0, -s)")
plt.ylabel("cross-entropy of the middle class")
plt.title("naive and shifted losses stop; the fused one does not")
plt.legend()
plt.show()
