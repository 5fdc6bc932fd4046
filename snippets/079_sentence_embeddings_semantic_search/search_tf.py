# %% Settings
import importlib.util
import zipfile
import keras
import numpy as np
import safetensors.numpy
import tensorflow as tf
from gensim.test.utils import datapath
from tokenizers import Tokenizer
LAYERS, D_MODEL, HEADS, D_FF = 6, 384, 12, 1536  # the zip's config.json
VOCAB, POSITIONS, EPS = 30522, 512, 1e-12  # EPS: every layer norm's
MAX_TOKENS, N_SENTENCES = 32, 100  # the first 100 paragraphs, cut to 32
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
print(f"sentences: {len(corpus)}, max tokens: {MAX_TOKENS}")
# %% Queries that paraphrase one sentence each, sharing few content words
QUERIES = {1: "troops killed several alleged insurgents in a night gunfight",
           4: "nurses who deliver babies were stood down over laughing gas",
           11: "a south american nation grieves after a blaze in its capital",
           18: "the filmmaker behind the tolkien movies was honoured at home",
           23: "a traveller took a pistol onto two planes without being caught",
           31: "climate change may make the oceans swell sharply this century",
           32: "a mild quake jolted grain-growing country in the west",
           42: "a budget airline sells very cheap tickets to fight a new rival",
           45: "the star of a classic political comedy series has passed away",
           54: "a young man drove off in a vehicle with a toddler in the back"}
# %% Search by meaning: unit vectors, so the dot product is the cosine
scores = embed(list(QUERIES.values())) @ embed(corpus).T  # (queries, corpus)
ranks = [int((row >= row[t]).sum()) for row, t in zip(scores, QUERIES)]
print(f"MiniLM: recall@1 {np.mean(np.array(ranks) == 1):.3f}, "
      f"ranks {ranks}")  # ties would count against the target
# %% The top hits of two queries (* marks the sentence a query paraphrases)
for s, t in zip(scores[[1, 0]], (4, 1)):  # each hit: index, cosine, sentence
    print(f"query: {QUERIES[t]}", *(f"{'*' if i == t else ' '} {i:2} "
          f"{s[i]:.3f} {corpus[i]:.58}" for i in np.argsort(-s)[:2]), sep="\n ")
