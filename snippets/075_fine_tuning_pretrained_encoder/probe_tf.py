# %% Settings
import importlib.util
import zipfile
import keras
import numpy as np
import safetensors.numpy
import tensorflow as tf
from tokenizers import Tokenizer
LAYERS, D_MODEL, HEADS, D_FF = 6, 384, 12, 1536  # the zip's config.json
VOCAB, POSITIONS, EPS = 30522, 512, 1e-12  # EPS: every layer norm's
MAX_TOKENS, LEARNING_RATE, STEPS, SEEDS = 32, 0.1, 100, (0, 1, 2)  # probe
print(f"learning rate: {LEARNING_RATE}, steps: {STEPS}, seeds: {SEEDS}")
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
def embed(sentences):  # mean over real tokens of the last layer, unit length
    batch = tokenizer.encode_batch(sentences)  # mask: 1 real, 0 padding
    ids, mask = (np.array([getattr(e, a) for e in batch])
                 for a in ("ids", "attention_mask"))
    h, m = encoder(ids, mask, training=False), mask[..., None].astype("float32")
    return tf.math.l2_normalize(tf.reduce_sum(h * m, 1) / m.sum(1), -1).numpy()
# %% Data: sentiment from templates; the test words never occur in training
TEMPLATES = ["the {} was {}.", "i found the {} {}.", "to me the {} felt {}."]
NOUNS = ["film", "meal", "hotel", "book", "concert", "service", "game", "trip"]
TRAIN_WORDS = ["bad", "poor", "terrible", "good", "great", "excellent"]
TEST_WORDS = ["dreadful", "horrible", "awful", "superb", "lovely", "fine"]
train_text, test_text = ([t.format(n, w) for w in words for t in TEMPLATES
                          for n in NOUNS]
                         for words in (TRAIN_WORDS, TEST_WORDS))
y_train = y_test = np.repeat([0, 1], 72)  # 3 negative words, 3 positive
# %% Each unseen word's nearest training word, by embedding
for word, row in zip(TEST_WORDS, embed(TEST_WORDS) @ embed(TRAIN_WORDS).T):
    print(f"{word} -> {TRAIN_WORDS[row.argmax()]} ({row.max():.2f})")
# %% A linear probe on the frozen embeddings, for each seed
X_train, X_test = embed(train_text), embed(test_text)
batches = tf.data.Dataset.from_tensors((X_train, y_train)).repeat(STEPS)
def probe(seed):  # full-batch Adam on the cross-entropy
    keras.utils.set_random_seed(seed)
    head = keras.Sequential([keras.layers.Dense(2)])
    head.compile(keras.optimizers.Adam(LEARNING_RATE),
                 keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    head.fit(batches, shuffle=False, verbose=0)  # STEPS full batches
    return head(X_test, training=False).numpy().argmax(1) == y_test  # right?
for seed in SEEDS:
    right = probe(seed).reshape(len(TEST_WORDS), -1).mean(1)  # by word
    print(f"seed {seed}: test accuracy {right.mean():.3f}, by word",
          *np.round(right, 2))
