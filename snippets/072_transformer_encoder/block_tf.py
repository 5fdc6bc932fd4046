# %% Settings
import keras
import numpy as np
import tensorflow as tf

D_MODEL, HEADS, D_FF = 16, 2, 32  # d, h, the feed-forward width
SEQ_LEN, BATCH = 5, 2
EPS = 1e-5  # layer normalisation's epsilon, set in every layer
DATA_SEED = 0
TOLERANCE = 1e-5  # max abs difference allowed, float32
for name in ["D_MODEL", "HEADS", "D_FF", "SEQ_LEN", "BATCH", "EPS",
             "DATA_SEED", "TOLERANCE"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
found = [n for n in dir(keras.layers) if "encoder" in n.lower()]
print(f"keras.layers named *encoder*: {found}")
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
class EncoderBlock(keras.layers.Layer):
    def __init__(self, pre_norm=False, eps=EPS):
        super().__init__()
        self.pre_norm = pre_norm
        self.attention = keras.layers.MultiHeadAttention(
            HEADS, key_dim=D_MODEL // HEADS)
        self.norm1 = keras.layers.LayerNormalization(epsilon=eps)
        self.norm2 = keras.layers.LayerNormalization(epsilon=eps)
        self.ffn = keras.Sequential([keras.layers.Dense(D_FF, "relu"),
                                     keras.layers.Dense(D_MODEL)])
    def call(self, x):
        attend = lambda x: self.attention(x, x)
        if self.pre_norm:
            x = x + attend(self.norm1(x))
            return x + self.ffn(self.norm2(x))
        x = self.norm1(x + attend(x))
        return self.norm2(x + self.ffn(x))
# %% Copying the weights into the framework's layout
X = tf.constant(x, dtype=tf.float32)
def copy_into(block):  # Keras gives each head its own axis
    block(X)  # built
    by_head = lambda k: w[k].reshape(D_MODEL, HEADS, -1)  # (d, h, d / h)
    block.attention.set_weights(
        [a for c in "qkv" for a in (by_head(f"W_{c}"),
                                     w[f"b_{c}"].reshape(HEADS, -1))]
        + [w["W_o"].reshape(HEADS, -1, D_MODEL), w["b_o"]])
    block.norm1.set_weights([w["g_1"], w["n_1"]])
    block.norm2.set_weights([w["g_2"], w["n_2"]])
    block.ffn.set_weights([w["W_1"], w["b_1"], w["W_2"], w["b_2"]])
    return block

parts = copy_into(EncoderBlock())
for v in parts.weights:
    print(f"{'/'.join(v.path.split('/')[-2:])}: {tuple(v.shape)}")
print(f"parameters: {parts.count_params()}, "
      f"4d^2+4d + 2df+f+d + 4d: {4*d*d + 4*d + 2*d*f + f + d + 4*d}")
# %% Agreement with NumPy, post-norm and pre-norm
for name, pre_norm in (("post-norm", False), ("pre-norm", True)):
    parts = copy_into(EncoderBlock(pre_norm))
    ref = block(x, pre_norm)
    gap = np.abs(parts(X).numpy() - ref).max()
    print(f"{name}: max |parts - NumPy| {gap:.1e}, "
          f"within tolerance: {bool(gap < TOLERANCE)}")
    print(f"{name}, position 0, dims 0-5:", np.round(ref[0, 0, :6], 3))
# %% Defaults to watch
default = keras.layers.LayerNormalization().epsilon
gap = np.abs(copy_into(EncoderBlock(eps=default))(X).numpy() - block(x))
print(f"default LayerNormalization epsilon: {default}")
print(f"post-norm with the default: max |parts - NumPy| {gap.max():.1e}")
