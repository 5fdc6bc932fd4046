# %% Settings
import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

SEQ_LEN = 6  # n, positions in a sequence
D_MODEL = 8  # d, also the size of each query, key and value
BATCH = 32  # sequences in the training example
DATA_SEED = 0
TOLERANCE = 1e-5  # max abs difference allowed, float32
LEARNING_RATE = 0.5
STEPS = 200
for name in ["SEQ_LEN", "D_MODEL", "BATCH", "DATA_SEED", "TOLERANCE",
             "LEARNING_RATE", "STEPS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Inputs and weights, drawn with NumPy: the same in both twins
rng = np.random.default_rng(DATA_SEED)
def draw(*shape, scale=1.0):
    return tf.constant(rng.normal(0, scale, shape), dtype=tf.float32)
X = draw(SEQ_LEN, D_MODEL)  # one sequence: a row per position
W_q, W_k, W_v = (draw(D_MODEL, D_MODEL, scale=D_MODEL**-0.5)
                 for _ in range(3))

# %% Every position at once: one matrix product of queries and keys
def self_attention(X, W_q, W_k, W_v):  # X: (..., n, d)
    Q, K, V = X @ W_q, X @ W_k, X @ W_v
    scores = tf.matmul(Q, K, transpose_b=True) / D_MODEL**0.5  # (..., n, n)
    A = tf.nn.softmax(scores, axis=-1)  # row i: query i over all keys
    return A @ V, A

Y, A = self_attention(X, W_q, W_k, W_v)
print(f"scores and weights: {tuple(A.shape)}, output: {tuple(Y.shape)}")
print("attention weights (row: query, column: key):")
print(np.round(A.numpy(), 2))
print(f"smallest weight: {tf.reduce_min(A):.3f}, row sums: "
      f"{np.round(tf.reduce_sum(A, axis=1).numpy(), 6)}")

# %% The same thing one query position at a time, in a Python loop
K, V = X @ W_k, X @ W_v
def one_query(i):  # query i needs only its own row and all keys and values
    q = X[i:i + 1] @ W_q  # (1, d)
    a = tf.nn.softmax(q @ tf.transpose(K) / D_MODEL**0.5, axis=-1)
    return a @ V  # (1, d)

loop = tf.concat([one_query(i) for i in range(SEQ_LEN)], axis=0)
print(f"max |one product - loop|: {np.abs(Y - loop).max():.1e}")
backwards = tf.concat([one_query(i) for i in reversed(range(SEQ_LEN))], 0)
print(f"max |loop - loop in reverse order|: "
      f"{np.abs(loop - backwards[::-1]).max():.1e}")

# %% A task for attention: match a random teacher's outputs
X_train = draw(BATCH, SEQ_LEN, D_MODEL)  # 32 inputs, and a teacher:
teacher = [draw(D_MODEL, D_MODEL, scale=D_MODEL**-0.5) for _ in range(3)]
Y_train, A_teacher = self_attention(X_train, *teacher)  # outputs, weights
params = [tf.Variable(w) for w in (W_q, W_k, W_v)]  # start: W_q, W_k, W_v
def distance(w):  # mean |attention weights - the teacher's|, on X_train
    return tf.reduce_mean(tf.abs(self_attention(X_train, *w)[1] - A_teacher))
print(f"mean |attention weights - teacher's|, start: {distance(params):.4f}")

# %% Attention is trained by ordinary backpropagation
sgd = keras.optimizers.SGD(LEARNING_RATE)
@tf.function  # one compiled step: the loss and the gradients before it
def train_step():
    with tf.GradientTape() as tape:
        out, _ = self_attention(X_train, *params)
        loss = tf.reduce_mean((out - Y_train) ** 2)
    grads = tape.gradient(loss, params)
    sgd.apply_gradients(zip(grads, params))
    return loss, grads
for step in range(STEPS + 1):
    loss, grads = train_step()
    if step in (0, STEPS):
        norms = " ".join(f"{tf.norm(g):.4f}" for g in grads)
        print(f"step {step}: loss {loss:.5f}, |grad| W_q W_k W_v: {norms}")
print(f"mean |attention weights - teacher's|, trained: "
      f"{distance(params):.4f}")

# %% The weights as an image
fig, ax = plt.subplots(figsize=(5, 3.5))
im = ax.imshow(A.numpy(), cmap="viridis", vmin=0)
ax.set(xlabel="key position", ylabel="query position")
ax.set_title("Self-attention weights, one row per query")
fig.colorbar(im, ax=ax)
plt.show()
