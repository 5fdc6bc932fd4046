# %% Settings
import keras
import numpy as np

IMAGE_SIZE = 224  # the ImageNet crop Huang et al. (2016) trained on
CLASSES = 1000
GROWTH = 32  # k: channels each dense layer adds
BLOCKS = (6, 12, 24, 16)  # dense layers per block in DenseNet-121
STEM = 64  # channels out of the 7x7 stem (2k)
BOTTLENECK = 4  # the 1x1 conv before each 3x3 makes 4k channels
COMPRESSION = 0.5  # a transition keeps this fraction of the channels
for name in ["IMAGE_SIZE", "CLASSES", "GROWTH", "BLOCKS", "STEM",
             "BOTTLENECK", "COMPRESSION"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% A dense layer, a dense block, a transition layer
def bn_relu_conv(x, c_out, k):  # BN-ReLU-conv, as in the paper
    x = keras.layers.ReLU()(keras.layers.BatchNormalization()(x))
    return keras.layers.Conv2D(c_out, k, padding="same", use_bias=False)(x)

def dense_layer(x, growth):
    return bn_relu_conv(bn_relu_conv(x, BOTTLENECK * growth, 1), growth, 3)

def dense_block(x, n_layers, growth):  # each layer sees all earlier maps
    for _ in range(n_layers):
        x = keras.layers.Concatenate()([x, dense_layer(x, growth)])
    return x  # concatenate, not add

def transition(x, c_out):  # 1x1 conv to fewer channels, then halve HxW
    return keras.layers.AveragePooling2D(2)(bn_relu_conv(x, c_out, 1))

# %% Channels grow by the growth rate inside a block
x = keras.Input((8, 8, STEM))
print("channels through a 4-layer block:", STEM, end="")
for _ in range(4):
    x = keras.layers.Concatenate()([x, dense_layer(x, GROWTH)])
    print(f" -> {x.shape[-1]}", end="")
print()

# %% DenseNet-121 at full size
def densenet():
    inputs = keras.Input((IMAGE_SIZE, IMAGE_SIZE, 3))
    x = keras.layers.Conv2D(STEM, 7, 2, padding="same", use_bias=False)(inputs)
    x = keras.layers.ReLU()(keras.layers.BatchNormalization()(x))
    x = keras.layers.MaxPooling2D(3, 2, padding="same")(x)
    for i, n in enumerate(BLOCKS):
        x = dense_block(x, n, GROWTH)
        if i < len(BLOCKS) - 1:
            x = transition(x, int(x.shape[-1] * COMPRESSION))
    x = keras.layers.ReLU()(keras.layers.BatchNormalization()(x))
    x = keras.layers.GlobalAveragePooling2D()(x)
    return keras.Model(inputs, keras.layers.Dense(CLASSES)(x)), x.shape[-1]

# %% Build it and count
model, c_final = densenet()  # Keras allocates the weights
print(f"output shape: {(1,) + model.output_shape[1:]}, "
      f"final channels: {c_final}")
count = sum(int(np.prod(w.shape)) for w in model.trainable_weights)
convs = sum(isinstance(l, keras.layers.Conv2D) for l in model.layers)
print(f"conv layers: {convs}, with the dense layer: {convs + 1}")

# %% The formula
def formula():
    total, c, k = 49 * 3 * STEM + 2 * STEM, STEM, GROWTH
    for i, n in enumerate(BLOCKS):
        for j in range(n):  # BN(c) + 1x1 c->4k + BN(4k) + 3x3 4k->k
            total += 2 * c + c * 4 * k + 2 * 4 * k + 9 * 4 * k * k
            c += k
        if i < len(BLOCKS) - 1:  # BN(c) + 1x1 c -> c/2
            total += 2 * c + c * int(c * COMPRESSION)
            c = int(c * COMPRESSION)
    return total + 2 * c + c * CLASSES + CLASSES

print(f"densenet121 parameters: {count}, formula: {formula()}")
