# %% Six samples, four classes
import numpy as np
import tensorflow as tf

SEED = 1
N, K = 6, 4  # samples, classes
print(f"seed: {SEED}, samples: {N}, classes: {K}")
rng = np.random.default_rng(SEED)
logits = np.round(rng.normal(0.0, 2.0, size=(N, K)), 2).astype(np.float32)
labels = rng.integers(0, K, size=N)
for i in range(N):
    print(f"sample {i}: label {labels[i]}, logits",
          " ".join(f"{v:g}" for v in logits[i]))

# %% Categorical cross-entropy five ways
z, onehot = tf.Variable(logits), tf.one_hot(labels, K)
cce = tf.keras.losses.CategoricalCrossentropy
sparse = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
with tf.GradientTape() as tape:
    p = tf.nn.softmax(z, axis=1)
    losses = {
        "by hand from probabilities":
            -tf.reduce_mean(tf.reduce_sum(onehot * tf.math.log(p), axis=1)),
        "by hand from logits": tf.reduce_mean(
            tf.reduce_logsumexp(z, axis=1) - tf.reduce_sum(onehot * z, axis=1)
        ),
        "built in from probabilities": cce()(onehot, p),
        "built in from logits": cce(from_logits=True)(onehot, z),
        "built in from logits, integer labels": sparse(labels, z),
    }
for name, loss in losses.items():
    print(f"{name}: {float(loss):.6f}")

# %% The gradient: (softmax(z) - onehot) / n
grad = tape.gradient(losses["built in from logits, integer labels"], z)
print("dloss/dlogits, sample 0:", " ".join(f"{v:.6f}" for v in grad.numpy()[0]))
