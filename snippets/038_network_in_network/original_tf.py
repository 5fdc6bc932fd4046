# %% Settings: NiN for CIFAR-10 (Lin et al. 2013), built but not trained
import tensorflow as tf

INPUT_SIZE = 32  # 32 x 32 colour images
CLASSES = 10
# three mlpconv blocks: (kernel, first conv width, 1x1 widths)
BLOCKS = [(5, 192, (160, 96)), (5, 192, (192, 192)), (3, 192, (192, CLASSES))]
print(f"input size: {INPUT_SIZE}\nclasses: {CLASSES}")

# %% The network: mlpconv blocks, pooling, dropout, global average pooling
def mlpconv(c_in, kernel, width, pointwise):
    L = tf.keras.layers
    layers = [L.Conv2D(width, kernel, padding="same", activation="relu")]
    for c_to in pointwise:
        layers += [L.Conv2D(c_to, 1, activation="relu")]
    return layers
def nin():
    L = tf.keras.layers
    layers, c_in = [tf.keras.Input(shape=(INPUT_SIZE, INPUT_SIZE, 3))], 3
    for i, (kernel, width, pointwise) in enumerate(BLOCKS):
        layers += mlpconv(c_in, kernel, width, pointwise)
        if i < len(BLOCKS) - 1:  # pool, then dropout, between blocks
            layers += [L.MaxPooling2D(3, 2, padding="same"), L.Dropout(0.5)]
        c_in = pointwise[-1]
    layers += [L.GlobalAveragePooling2D()]
    return tf.keras.Sequential(layers)

# %% Count: the framework and the formula
model = nin()  # allocates the weights (about 4 MB)
x = tf.zeros((1, INPUT_SIZE, INPUT_SIZE, 3))
print("output shape:", tuple(model(x).shape))
counted = model.count_params()
formula, c_in = 0, 3  # k * k * c_in * c_out + c_out for every convolution
for kernel, width, pointwise in BLOCKS:
    formula += kernel * kernel * c_in * width + width
    for c_from, c_to in zip((width, *pointwise), pointwise):
        formula += c_from * c_to + c_to
    c_in = pointwise[-1]
print("parameters, counted:", counted)
print("parameters, formula:", formula)
convs = [m for m in model.layers if isinstance(m, tf.keras.layers.Conv2D)]
pointwise = sum(m.count_params() for m in convs if m.kernel_size == (1, 1))
print("of which in 1x1 convolutions:", pointwise)
