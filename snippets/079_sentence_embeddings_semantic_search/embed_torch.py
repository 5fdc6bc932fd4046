# %% Settings
import importlib.util
import zipfile
import numpy as np
import safetensors.numpy
import torch
import torch.nn.functional as F
from gensim.test.utils import datapath
from sklearn.metrics.pairwise import cosine_similarity
from tokenizers import Tokenizer
from torch import nn
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
class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.query, self.key, self.value, self.out = (
            nn.Linear(D_MODEL, D_MODEL) for _ in range(4))
        self.up, self.down = nn.Linear(D_MODEL, D_FF), nn.Linear(D_FF, D_MODEL)
        self.norm1, self.norm2 = (nn.LayerNorm(D_MODEL, eps=EPS) for _ in "12")
    def forward(self, x, keep):  # keep: (batch, 1, 1, n), False at padding
        split = lambda t: t.unflatten(-1, (HEADS, -1)).transpose(1, 2)
        q, k, v = split(self.query(x)), split(self.key(x)), split(self.value(x))
        heads = F.scaled_dot_product_attention(q, k, v, attn_mask=keep)
        x = self.norm1(x + self.out(heads.transpose(1, 2).flatten(2)))
        return self.norm2(x + self.down(F.gelu(self.up(x))))  # erf
# %% The encoder: embeddings, then the blocks
class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.word, self.position, self.token_type = (
            nn.Embedding(n, D_MODEL) for n in (VOCAB, POSITIONS, 2))
        self.norm = nn.LayerNorm(D_MODEL, eps=EPS)
        self.blocks = nn.ModuleList(Block() for _ in range(LAYERS))
    def forward(self, ids, mask):  # the last layer's hidden states
        x = self.word(ids) + self.position(torch.arange(ids.shape[1]))
        x = self.norm(x + self.token_type(torch.zeros_like(ids)))  # 1 segment
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
encoder = Encoder().eval()
for layer, name in shipped(encoder):
    for kind, p in layer.named_parameters():  # (out, in), as nn.Linear
        p.data.copy_(torch.from_numpy(weights[f"{name}.{kind}"]))
# %% Sentence embeddings: the masked mean, scaled to unit length
@torch.no_grad()
def embed(sentences, pad=False):  # pad=True: a pitfall (the mask ignored)
    batch = tokenizer.encode_batch(sentences)  # mask: 1 real, 0 padding
    ids, mask = (torch.tensor([getattr(e, a) for e in batch])
                 for a in ("ids", "attention_mask"))
    h, m = encoder(ids, mask), (mask | pad)[..., None].float()
    return F.normalize((h * m).sum(1) / m.sum(1), dim=-1).numpy()
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
