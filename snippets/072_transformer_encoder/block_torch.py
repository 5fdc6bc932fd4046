# %% Settings
import numpy as np
import torch
from torch import nn

D_MODEL, HEADS, D_FF = 16, 2, 32  # d, h, the feed-forward width
SEQ_LEN, BATCH = 5, 2
EPS = 1e-5  # layer normalisation's epsilon, set in every layer
DATA_SEED = 0
TOLERANCE = 1e-5  # max abs difference allowed, float32
for name in ["D_MODEL", "HEADS", "D_FF", "SEQ_LEN", "BATCH", "EPS",
             "DATA_SEED", "TOLERANCE"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
found = [n for n in dir(nn) if "encoder" in n.lower()]
print(f"torch.nn named *encoder*: {found}")
# %% Weights and inputs, drawn with NumPy: the same in both twins
rng = np.random.default_rng(DATA_SEED)
d, f = D_MODEL, D_FF
shapes = {"W_q": (d, d), "W_k": (d, d), "W_v": (d, d), "W_o": (d, d),
          "b_q": (d,), "b_k": (d,), "b_v": (d,), "b_o": (d,),
          "W_1": (d, f), "b_1": (f,), "W_2": (f, d), "b_2": (d,),
          "g_1": (d,), "n_1": (d,), "g_2": (d,), "n_2": (d,)}  # g, n: LN
w = {k: rng.normal(0, 0.3, s) for k, s in shapes.items()}  # float64
w["g_1"] += 1; w["g_2"] += 1  # layer-norm scales near 1
x = rng.normal(size=(BATCH, SEQ_LEN, D_MODEL))
# %% The encoder block by hand, in NumPy, float64 (x @ W everywhere)
def layer_norm(x, g, b):
    mu, var = x.mean(-1, keepdims=True), x.var(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + EPS) * g + b
def attention(x):  # multi-head self-attention, heads side by side
    split = lambda t: t.reshape(*t.shape[:-1], HEADS, -1).swapaxes(-2, -3)
    q, k, v = (split(x @ w[f"W_{c}"] + w[f"b_{c}"]) for c in "qkv")
    s = q @ k.swapaxes(-1, -2) / np.sqrt(D_MODEL // HEADS)
    a = np.exp(s - s.max(-1, keepdims=True))
    heads = (a / a.sum(-1, keepdims=True)) @ v  # (batch, h, n, d / h)
    return heads.swapaxes(-2, -3).reshape(x.shape) @ w["W_o"] + w["b_o"]
def block(x, pre_norm=False):
    ffn = lambda x: np.maximum(x @ w["W_1"] + w["b_1"], 0) @ w["W_2"] + w["b_2"]
    ln1 = lambda x: layer_norm(x, w["g_1"], w["n_1"])
    ln2 = lambda x: layer_norm(x, w["g_2"], w["n_2"])
    if pre_norm:  # normalise the branch's input; the residual path is clean
        x = x + attention(ln1(x))
        return x + ffn(ln2(x))
    x = ln1(x + attention(x))  # post-norm: residual, then normalise
    return ln2(x + ffn(x))
# %% The same block from the framework's parts
class EncoderBlock(nn.Module):
    def __init__(self, pre_norm=False):
        super().__init__()
        self.pre_norm = pre_norm
        self.attention = nn.MultiheadAttention(D_MODEL, HEADS,
                                               batch_first=True)
        self.norm1 = nn.LayerNorm(D_MODEL, eps=EPS)
        self.norm2 = nn.LayerNorm(D_MODEL, eps=EPS)
        self.ffn = nn.Sequential(nn.Linear(D_MODEL, D_FF), nn.ReLU(),
                                 nn.Linear(D_FF, D_MODEL))
    def forward(self, x):
        attend = lambda x: self.attention(x, x, x, need_weights=False)[0]
        if self.pre_norm:
            x = x + attend(self.norm1(x))
            return x + self.ffn(self.norm2(x))
        x = self.norm1(x + attend(x))
        return self.norm2(x + self.ffn(x))
# %% Copying the weights into the framework's layout
T = lambda k: torch.tensor(w[k], dtype=torch.float32)  # y = x W^T + b
def copy_into(module, attn, lin1, lin2):  # the module's names for the parts
    s = {f"{attn}.in_proj_weight": torch.cat([T(f"W_{c}").T for c in "qkv"]),
         f"{attn}.in_proj_bias": torch.cat([T(f"b_{c}") for c in "qkv"]),
         f"{attn}.out_proj.weight": T("W_o").T, f"{attn}.out_proj.bias":
         T("b_o"), f"{lin1}.weight": T("W_1").T, f"{lin1}.bias": T("b_1"),
         f"{lin2}.weight": T("W_2").T, f"{lin2}.bias": T("b_2"),
         "norm1.weight": T("g_1"), "norm1.bias": T("n_1"),
         "norm2.weight": T("g_2"), "norm2.bias": T("n_2")}
    module.load_state_dict(s)
    return module.eval()
parts = copy_into(EncoderBlock(), "attention", "ffn.0", "ffn.2")
for name, p in parts.named_parameters():
    print(f"{name}: {tuple(p.shape)}")
print(f"parameters: {sum(p.numel() for p in parts.parameters())}, "
      f"4d^2+4d + 2df+f+d + 4d: {4*d*d + 4*d + 2*d*f + f + d + 4*d}")
# %% Agreement with NumPy, post-norm and pre-norm
X = torch.tensor(x, dtype=torch.float32)
for name, pre_norm in (("post-norm", False), ("pre-norm", True)):
    parts = copy_into(EncoderBlock(pre_norm), "attention", "ffn.0", "ffn.2")
    built_in = copy_into(nn.TransformerEncoderLayer(
        D_MODEL, HEADS, D_FF, dropout=0, layer_norm_eps=EPS,
        batch_first=True, norm_first=pre_norm), "self_attn", "linear1",
        "linear2")
    ref = block(x, pre_norm)
    with torch.no_grad():
        gaps = [np.abs(m(X).numpy() - ref).max() for m in (parts, built_in)]
    print(f"{name}: max |parts - NumPy| {gaps[0]:.1e}, "
          f"|built-in - NumPy| {gaps[1]:.1e}")
    print(f"{name}, position 0, dims 0-5:", np.round(ref[0, 0, :6], 3))
# %% Defaults to watch
default = nn.TransformerEncoderLayer(D_MODEL, HEADS)
print(f"default dim_feedforward: {default.linear1.out_features}, dropout: "
      f"{default.dropout.p}, LayerNorm eps: {default.norm1.eps}")
print(f"default batch_first: {default.self_attn.batch_first}, "
      f"norm_first: {default.norm_first}")
