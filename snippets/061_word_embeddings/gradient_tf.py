# %% Settings and data: the same table and sentences as the lookup snippet
import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

WORDS = ["<pad>", "a", "cat", "dog", "sat", "ran", "on", "the", "mat", "rug"]
EMBED_DIM = 4
DATA_SEED = 0
LEARNING_RATE = 0.1
for name in ["EMBED_DIM", "DATA_SEED", "LEARNING_RATE"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
index = {w: i for i, w in enumerate(WORDS)}
sentences = ["the cat sat on the mat", "the dog sat on the rug"]
ids = np.array([[index[w] for w in s.split()] for s in sentences])
rng = np.random.default_rng(DATA_SEED)
table = rng.normal(size=(len(WORDS), EMBED_DIM)).astype(np.float32)
upstream = rng.normal(size=ids.shape + (EMBED_DIM,)).astype(np.float32)
np.set_printoptions(precision=4, suppress=True, floatmode="fixed")

# %% A fresh Embedding layer holding the shared table
def make_embedding():  # an Embedding layer holding the shared table
    layer = keras.layers.Embedding(len(WORDS), EMBED_DIM)
    layer.build()
    layer.embeddings.assign(table)
    return layer

# %% The gradient the layer hands back
# loss = sum(output * upstream), so d loss / d output = upstream
embedding = make_embedding()
with tf.GradientTape() as tape:
    loss = tf.reduce_sum(embedding(ids) * upstream)
grad = tape.gradient(loss, embedding.embeddings)
print("gradient type:", type(grad).__name__)
@tf.function  # the same when traced into a graph
def graph_gradient(ids):
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(embedding(ids) * upstream)
    return tape.gradient(loss, embedding.embeddings)
print("inside tf.function:", type(graph_gradient(ids)).__name__)
print("indices (one per token):", grad.indices.numpy().tolist())
print("values shape:", tuple(grad.values.shape))

# %% As a dense table: non-zero only in the rows that were used
dense = tf.convert_to_tensor(grad).numpy()  # shape (vocabulary, EMBED_DIM)
for word, row in zip(WORDS, dense):
    print(f"{word:>5}", row)
used = [WORDS[i] for i in np.flatnonzero(np.abs(dense).max(1) > 0)]
print("rows with a non-zero gradient:", " ".join(used))
print("rows exactly zero:", int((dense == 0).all(1).sum()))
the = upstream[ids == index["the"]].sum(0)  # 'the' occurs 4 times
print(f"'the' row minus its 4 upstream rows summed: "
      f"{np.abs(dense[index['the']] - the).max():.1e}")

# %% The same gradient through one-hot @ W
W = tf.Variable(table)
with tf.GradientTape() as tape:
    loss = tf.reduce_sum((tf.one_hot(ids, len(WORDS)) @ W) * upstream)
by_matmul = tape.gradient(loss, W)
print("one-hot route gradient type:", type(by_matmul).__name__)
diff = np.abs(by_matmul.numpy() - dense).max()
print(f"one-hot route vs lookup gradient, max abs difference: {diff:.1e}")

# %% A picture of the gradient table
fig, ax = plt.subplots(figsize=(5, 3.5))
limit = np.abs(dense).max()
ax.imshow(dense, cmap="coolwarm", vmin=-limit, vmax=limit, aspect="auto")
ax.set_yticks(range(len(WORDS)), WORDS)
ax.set_xticks(range(EMBED_DIM))
ax.set_xlabel("embedding dimension")
ax.set_title("Embedding gradient: zero rows for unused words")
fig.tight_layout()
plt.show()

# %% One update: plain SGD moves only the rows used, Adam and AdamW more
batches = [ids, np.full((1, 3), index["a"])]  # then a batch of 'a' only
WEIGHT_DECAY = 0.01  # AdamW's, set: the frameworks' defaults differ
optimizers = {keras.optimizers.SGD: {}, keras.optimizers.Adam: {},
              keras.optimizers.AdamW: {"weight_decay": WEIGHT_DECAY}}
for make_optimizer, extra in optimizers.items():
    embedding, changed = make_embedding(), []
    optimizer = make_optimizer(learning_rate=LEARNING_RATE, **extra)
    for batch in batches:
        before = embedding.embeddings.numpy()
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(embedding(batch) ** 2)
        grad = tape.gradient(loss, embedding.embeddings)
        optimizer.apply_gradients([(grad, embedding.embeddings)])
        moved = np.abs(embedding.embeddings.numpy() - before).max(1) > 0
        changed.append([WORDS[i] for i in np.flatnonzero(moved)])
    for step, rows in enumerate(changed, 1):
        print(f"{make_optimizer.__name__}, step {step}, rows changed: "
              f"{len(rows)}: {' '.join(rows)}")
