# %% Settings and data
import time

import keras
import numpy as np
import tensorflow as tf

WORDS = ["<pad>", "a", "cat", "dog", "sat", "ran", "on", "the", "mat", "rug"]
EMBED_DIM = 4  # numbers per word in the dense table
DATA_SEED = 0  # draws the table, so both twins hold the same vectors
BIG_VOCAB = 20000  # for the cost comparison at a realistic vocabulary size
BIG_DIM = 64
TOKENS = 256  # token ids looked up in the cost comparison
for name in ["EMBED_DIM", "DATA_SEED", "BIG_VOCAB", "BIG_DIM", "TOKENS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Two generated sentences as ids
index = {w: i for i, w in enumerate(WORDS)}
sentences = ["the cat sat on the mat", "the dog sat on the rug"]
ids = np.array([[index[w] for w in s.split()] for s in sentences])
print("vocabulary size:", len(WORDS))
print("ids:", ids.tolist())
np.set_printoptions(precision=4, suppress=True, floatmode="fixed")

# %% One-hot vectors: as long as the vocabulary, all equally far apart
one_hot = tf.one_hot(ids, len(WORDS))  # shape (2, 6, vocabulary size)
print("one-hot shape:", tuple(one_hot.shape))
print("one-hot 'cat':", one_hot[0, 1].numpy().astype(int))
words3 = tf.one_hot([index["cat"], index["dog"], index["mat"]], len(WORDS))
cosine = words3 @ tf.transpose(words3)  # every one-hot vector has norm 1
print("one-hot cosine, cat/dog/mat:\n", cosine.numpy().astype(int))
gap = tf.norm(words3[0] - words3[1]).numpy()
print(f"one-hot distance between any two words: {gap:.4f}")

# %% Dense vectors: an Embedding layer holding the same table in both twins
table = np.random.default_rng(DATA_SEED).normal(size=(len(WORDS), EMBED_DIM))
table = table.astype(np.float32)
embedding = keras.layers.Embedding(len(WORDS), EMBED_DIM)
embedding.build()
embedding.embeddings.assign(table)
print("embedding weight shape:", tuple(embedding.embeddings.shape))
dense = embedding(ids)  # shape (2, 6, EMBED_DIM)
print("output shape:", tuple(dense.shape))
print("dense 'cat':", dense[0, 1].numpy())
cat, dog = table[index["cat"]], table[index["dog"]]
cos = cat @ dog / np.linalg.norm(cat) / np.linalg.norm(dog)
print(f"dense cosine cat/dog (random table): {cos:.4f}")

# %% The lookup is a one-hot vector times the weight matrix
by_matmul = one_hot @ embedding.embeddings  # (2, 6, V) @ (V, D)
diff = np.abs(by_matmul.numpy() - dense.numpy()).max()
print(f"lookup vs one-hot @ W, max abs difference: {diff:.1e}")
diff = np.abs(table[ids] - dense.numpy()).max()
print(f"lookup vs rows of the table, max abs difference: {diff:.1e}")

# %% What the lookup saves at a realistic size
# verified: timing
rng = np.random.default_rng(DATA_SEED)
big = keras.layers.Embedding(BIG_VOCAB, BIG_DIM)
big_ids = rng.integers(0, BIG_VOCAB, size=TOKENS)
big(big_ids)  # builds the layer; the timings below are warm
start = time.perf_counter()
looked_up = big(big_ids)
lookup_s = time.perf_counter() - start
start = time.perf_counter()
multiplied = tf.one_hot(big_ids, BIG_VOCAB) @ big.embeddings
matmul_s = time.perf_counter() - start
same = np.abs(looked_up.numpy() - multiplied.numpy()).max()
print(f"multiply-adds per token, one-hot @ W: {BIG_VOCAB * BIG_DIM}")
print(f"numbers copied per token, lookup: {BIG_DIM}")
print(f"max abs difference at this size: {same:.1e}")
print(f"this machine: lookup {lookup_s * 1e3:.2f} ms, "
      f"one-hot @ W {matmul_s * 1e3:.2f} ms")
