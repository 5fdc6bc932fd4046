# %% Settings
import importlib.util
import zipfile
import numpy as np
import safetensors.numpy
from tokenizers import Tokenizer
import torch
import torch.nn.functional as F
from torch import nn
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
def embed(sentences):  # mean over real tokens of the last layer, unit length
    batch = tokenizer.encode_batch(sentences)  # mask: 1 real, 0 padding
    ids, mask = (torch.tensor([getattr(e, a) for e in batch])
                 for a in ("ids", "attention_mask"))
    h, m = encoder(ids, mask), mask[..., None].float()
    return F.normalize((h * m).sum(1) / m.sum(1), dim=-1).numpy()
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
X_train, X_test = map(torch.from_numpy, (embed(train_text), embed(test_text)))
def probe(seed):  # full-batch Adam on the cross-entropy
    torch.manual_seed(seed)
    head = nn.Linear(X_train.shape[1], 2)
    optimizer = torch.optim.Adam(head.parameters(), lr=LEARNING_RATE)
    for _ in range(STEPS):
        optimizer.zero_grad()
        F.cross_entropy(head(X_train), torch.from_numpy(y_train)).backward()
        optimizer.step()
    return head(X_test).argmax(1).numpy() == y_test  # right or wrong
for seed in SEEDS:
    right = probe(seed).reshape(len(TEST_WORDS), -1).mean(1)  # by word
    print(f"seed {seed}: test accuracy {right.mean():.3f}, by word",
          *np.round(right, 2))
