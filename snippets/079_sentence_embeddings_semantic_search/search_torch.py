# %% Settings
import importlib.util
import zipfile
import numpy as np
import safetensors.numpy
import torch
import torch.nn.functional as F
from gensim.test.utils import datapath
from tokenizers import Tokenizer
from torch import nn
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
