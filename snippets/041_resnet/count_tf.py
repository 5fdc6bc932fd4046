# %% Settings
import keras
import numpy as np

IMAGE_SIZE = 224  # the ImageNet crop He et al. (2015) trained on
CLASSES = 1000
WIDTHS = (64, 128, 256, 512)  # channels of the four stages (bottleneck: x4)
DEPTHS = {"resnet18": (2, 2, 2, 2), "resnet50": (3, 4, 6, 3)}
for name in ["IMAGE_SIZE", "CLASSES", "WIDTHS", "DEPTHS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Convolution and BatchNorm (no bias: BatchNorm's shift replaces it)
def conv_bn(x, c_out, k, stride=1, name=None):
    x = keras.layers.Conv2D(c_out, k, stride, padding="same",
                            use_bias=False, name=name)(x)
    return keras.layers.BatchNormalization()(x)

# %% Residual blocks, with a 1x1 projection when the shape changes
def block(x, width, stride, bottleneck, name):  # basic or bottleneck (x4)
    c_in = x.shape[-1]
    c_out = 4 * width if bottleneck else width
    ks = (1, 3, 1) if bottleneck else (3, 3)
    chans = (width,) * (len(ks) - 1) + (c_out,)
    at = 1 if bottleneck else 0  # stride on the 3x3: ResNet "v1.5"
    h = x
    for i, (c, k) in enumerate(zip(chans, ks)):
        h = conv_bn(h, c, k, stride if i == at else 1)
        if i < len(ks) - 1:  # ReLU after each but the last
            h = keras.layers.ReLU()(h)
    same = stride == 1 and c_in == c_out
    short = x if same else conv_bn(x, c_out, 1, stride, name)
    return keras.layers.ReLU()(keras.layers.Add()([h, short]))

# %% The whole network
def resnet(depths, bottleneck):
    inputs = keras.Input((IMAGE_SIZE, IMAGE_SIZE, 3))
    x = keras.layers.ReLU()(conv_bn(inputs, 64, 7, 2))
    x = keras.layers.MaxPooling2D(3, 2, padding="same")(x)
    for stage, (width, n) in enumerate(zip(WIDTHS, depths)):
        for i in range(n):
            stride = 2 if stage > 0 and i == 0 else 1
            x = block(x, width, stride, bottleneck, f"projection_{stage}")
    x = keras.layers.GlobalAveragePooling2D()(x)
    return keras.Model(inputs, keras.layers.Dense(CLASSES)(x))

# %% The formula: k*k*c_in*c_out per conv, 2*c per BatchNorm
def formula(depths, bottleneck):
    conv = lambda a, b, k: k * k * a * b + 2 * b  # conv (no bias) + BN
    total, c_in = conv(3, 64, 7), 64
    for stage, (m, n) in enumerate(zip(WIDTHS, depths)):
        c_out = 4 * m if bottleneck else m
        for i in range(n):
            if bottleneck:
                total += conv(c_in, m, 1) + conv(m, m, 3) + conv(m, c_out, 1)
            else:
                total += conv(c_in, m, 3) + conv(m, m, 3)
            if c_in != c_out or (stage > 0 and i == 0):
                total += conv(c_in, c_out, 1)  # the projection shortcut
            c_in = c_out
    return total + c_in * CLASSES + CLASSES

# %% Count both at full size
# Keras allocates the weights
for name, depths in DEPTHS.items():
    bottleneck = name == "resnet50"
    model = resnet(depths, bottleneck)
    print(f"{name} output shape: {(1,) + model.output_shape[1:]}")
    count = sum(int(np.prod(w.shape)) for w in model.trainable_weights)
    convs = [l for l in model.layers if isinstance(l, keras.layers.Conv2D)]
    proj = sum(l.name.startswith("projection") for l in convs)
    print(f"{name} parameters: {count}, formula: "
          f"{formula(depths, bottleneck)}")
    print(f"{name} convs: {len(convs)}, 1x1 projections: {proj}, "
          f"weight layers on the main path: {len(convs) - proj + 1}")
    print(f"{name} count_params(), BatchNorm statistics included: "
          f"{model.count_params()}")
