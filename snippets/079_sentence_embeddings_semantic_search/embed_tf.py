# %% Settings
import importlib.util
import zipfile
import keras
import numpy as np
import safetensors.numpy
import tensorflow as tf
from gensim.test.utils import datapath
from sklearn.metrics.pairwise import cosine_similarity
from tokenizers import Tokenizer
LAYERS, D_MODEL, HEADS, D_FF = 6, 384, 12, 1536  # the zip's config.json
VOCAB, POSITIONS, EPS = 30522, 512, 1e-12  # EPS: every layer norm's
MAX_TOKENS, N_SENTENCES, TOLERANCE = 32, 100, 1e-5  # TOLERANCE: float32
print(f"max tokens: {MAX_TOKENS}, tolerance: {TOLERANCE}")
# %% The shipped weights and tokenizer (found without importing: it prints)
init = importlib.util.find_spec("all_minilm_l6_v2").origin  # its __init__.py
with zipfile.ZipFile(init.replace("__init__.py", "model.zip")) as zf:
    weights = safetensors.numpy.load(zf.read("model.safetensors"))
    tokenizer = Tokenizer.from_str(zf.read("tokenizer.json").decode())
tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # to the longest
tokenizer.enable_truncation(max_length=MAX_TOKENS)
# %% A BERT block by hand: day 72's post-norm block, GELU with erf
class Block(keras.layers.Layer):
    def __init__(self):
        super().__init__()
        self.query, self.key, self.value, self.out = (
            keras.layers.Dense(D_MODEL) for _ in range(4))
        self.up, self.down = (keras.layers.Dense(n) for n in (D_FF, D_MODEL))
        self.norm1, self.norm2 = (
            keras.layers.LayerNormalization(epsilon=EPS) for _ in "12")
    def call(self, x, keep):  # keep: (batch, 1, 1, n), False at padding
        split = lambda t: tf.reshape(t, (*t.shape[:2], HEADS, -1))  # per head
        q, k, v = split(self.query(x)), split(self.key(x)), split(self.value(x))
        s = tf.einsum("bqhd,bkhd->bhqk", q, k) / np.sqrt(D_MODEL // HEADS)
        a = tf.nn.softmax(tf.where(keep, s, -np.inf))  # 0 at padding
        heads = tf.einsum("bhqk,bkhd->bqhd", a, v)
        x = self.norm1(x + self.out(tf.reshape(heads, tf.shape(x))))
        return self.norm2(x + self.down(keras.ops.gelu(self.up(x), False)))
# %% The encoder: embeddings, then the blocks
class Encoder(keras.Model):
    def __init__(self):
        super().__init__()
        self.word, self.position, self.token_type = (
            keras.layers.Embedding(n, D_MODEL) for n in (VOCAB, POSITIONS, 2))
        self.norm = keras.layers.LayerNormalization(epsilon=EPS)
        self.blocks = [Block() for _ in range(LAYERS)]
    def call(self, ids, mask):  # the last layer's hidden states
        x = self.word(ids) + self.position(tf.range(ids.shape[1]))
        x = self.norm(x + self.token_type(tf.zeros_like(ids)))  # 1 segment
        for block in self.blocks:
            x = block(x, mask[:, None, None, :] > 0)
        return x
# %% Copying the shipped arrays in, layer by layer
PARTS = {"query": "attention.self.query", "key": "attention.self.key",
         "value": "attention.self.value", "out": "attention.output.dense",
         "norm1": "attention.output.LayerNorm", "up": "intermediate.dense",
         "down": "output.dense", "norm2": "output.LayerNorm"}
def shipped(encoder):  # each layer of ours and the name of its arrays
    yield encoder.norm, "embeddings.LayerNorm"
    for part in ("word", "position", "token_type"):
        yield getattr(encoder, part), f"embeddings.{part}_embeddings"
    for i, block in enumerate(encoder.blocks):
        for part, name in PARTS.items():
            yield getattr(block, part), f"encoder.layer.{i}.{name}"
encoder = Encoder()
encoder(np.zeros((1, 2), int), np.ones((1, 2), int))  # builds the layers
for layer, name in shipped(encoder):  # Dense kernels are (in, out): .T
    w, b = weights[f"{name}.weight"], weights.get(f"{name}.bias")
    layer.set_weights([w] if b is None else [w.T, b])  # embeddings: no bias
# %% Sentence embeddings: the masked mean, scaled to unit length
def embed(sentences, pad=False):  # pad=True: a pitfall (the mask ignored)
    batch = tokenizer.encode_batch(sentences)  # mask: 1 real, 0 padding
    ids, mask = (np.array([getattr(e, a) for e in batch])
                 for a in ("ids", "attention_mask"))
    h, m = encoder(ids, mask, training=False), np.float32(mask | pad)[..., None]
    return tf.math.l2_normalize(tf.reduce_sum(h * m, 1) / m.sum(1), -1).numpy()
# %% The corpus: the first sentence of each Lee paragraph (lower-cased)
with open(datapath("lee_background.cor"), encoding="utf-8") as f:
    lines, seen = [p.strip().lower() for p in f if p.strip()], set()
paragraphs = [p for p in lines if not (p[:60] in seen or seen.add(p[:60]))]
corpus = [p.split(". ")[0] for p in paragraphs[:N_SENTENCES]]  # 1st sentence
cut = sum(len(e.overflowing) > 0 for e in tokenizer.encode_batch(corpus))
print(f"paragraphs: {len(paragraphs)}, sentences: {len(corpus)}, "
      f"longer than {MAX_TOKENS} tokens (cut): {cut}")
# %% Padding does not change an embedding: alone vs in a padded batch
batch = corpus[:4]  # token lengths differ, so the batch is padded
alone = np.vstack([embed([s]) for s in batch])
gap = np.abs(alone - embed(batch)).max()
print(f"alone vs in a padded batch: max |difference| {gap:.1e}")
# %% Pitfall: a plain mean also averages the padding positions
gap = np.abs(embed(batch, pad=True) - alone).max()  # every position counted
print(f"mean over padding too: max |difference| {gap:.1e}")
# %% The corpus embedded (the tests compare the two frameworks' rows)
E, direction = embed(corpus), np.cos(np.arange(D_MODEL))  # a fixed one
for i, e in enumerate(E[:5]):  # dims 0-4 | along the direction
    print(f"{i}:", *(f"{v:+.6f}" for v in e[:5]), f"| {e @ direction:+.6f}")
# %% Cosine similarity is the dot product of unit vectors: scikit-learn agrees
gap = np.abs(cosine_similarity(E) - E @ E.T).max()
print(f"max |scikit-learn's cosine_similarity - dot product|: {gap:.1e}")
