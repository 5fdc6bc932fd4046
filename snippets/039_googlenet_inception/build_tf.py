# %% Settings: GoogLeNet (Szegedy et al. 2014), built but not trained
import tensorflow as tf

tf.config.threading.set_intra_op_parallelism_threads(1)  # as in train_tf
INPUT_SIZE = 224  # 224 x 224 colour images
CLASSES = 1000
# Table 1 of the paper: in, 1x1, 3x3 reduce, 3x3, 5x5 reduce, 5x5, pool proj
INCEPTION = {
    "3a": (192, 64, 96, 128, 16, 32, 32),
    "3b": (256, 128, 128, 192, 32, 96, 64),
    "4a": (480, 192, 96, 208, 16, 48, 64),
    "4b": (512, 160, 112, 224, 24, 64, 64),
    "4c": (512, 128, 128, 256, 24, 64, 64),
    "4d": (512, 112, 144, 288, 32, 64, 64),
    "4e": (528, 256, 160, 320, 32, 128, 128),
    "5a": (832, 256, 160, 320, 32, 128, 128),
    "5b": (832, 384, 192, 384, 48, 128, 128)}
print(f"input size: {INPUT_SIZE}\nclasses: {CLASSES}")

# %% The Inception block: four parallel paths, concatenated on channels
L = tf.keras.layers
def conv(c_out, k):  # convolution + ReLU, padded to keep the size
    return L.Conv2D(c_out, k, padding="same", activation="relu")
def inception(c_in, c1, r3, c3, r5, c5, pool_proj):  # c_in: from the input
    x = tf.keras.Input(shape=(None, None, c_in))
    paths = [conv(c1, 1)(x),  # 1x1
             conv(c3, 3)(conv(r3, 1)(x)),  # 1x1, 3x3
             conv(c5, 5)(conv(r5, 1)(x)),  # 1x1, 5x5
             conv(pool_proj, 1)(L.MaxPooling2D(3, 1, "same")(x))]  # pool, 1x1
    return tf.keras.Model(x, [L.Concatenate()(paths), *paths])

# %% Inception 3a on a 28 x 28 x 192 input (its size in GoogLeNet)
block = inception(*INCEPTION["3a"])
joined, *paths = block(tf.zeros((1, 28, 28, 192)))
for name, path in zip(["1x1", "3x3", "5x5", "pool"], paths):
    print(f"path {name}: {tuple(path.shape)}")
print("concatenated:", tuple(joined.shape))
print("parameters, 3a:", block.count_params())

# %% The whole network (no auxiliary classifiers, no LRN)
def layers():
    pool = lambda: L.MaxPooling2D(3, 2, padding="same")
    x = tf.keras.Input(shape=(INPUT_SIZE, INPUT_SIZE, 3))
    h = pool()(L.Conv2D(64, 7, 2, padding="same", activation="relu")(x))
    h = pool()(conv(192, 3)(conv(64, 1)(h)))
    for name, widths in INCEPTION.items():
        h = inception(*widths)(h)[0]  # the concatenated output
        h = pool()(h) if name in ("3b", "4e") else h
    h = L.Dropout(0.4)(L.GlobalAveragePooling2D()(h))
    return tf.keras.Model(x, L.Dense(CLASSES)(h))
model = layers()  # allocates the weights (about 28 MB)
print("output shape:", model.output_shape)

# %% Count: the framework and the formula
def inception_params(c_in, c1, r3, c3, r5, c5, pool_proj):
    return (c_in * c1 + c1 + c_in * r3 + r3 + 9 * r3 * c3 + c3
            + c_in * r5 + r5 + 25 * r5 * c5 + c5 + c_in * pool_proj + pool_proj)
stem = (49 * 3 * 64 + 64) + (64 * 64 + 64) + (9 * 64 * 192 + 192)
blocks = sum(inception_params(*w) for w in INCEPTION.values())
head = 1024 * CLASSES + CLASSES
print("parameters, counted:", model.count_params())
print("parameters, formula:", stem + blocks + head)
print(f"stem {stem}, inception blocks {blocks}, classifier {head}")
