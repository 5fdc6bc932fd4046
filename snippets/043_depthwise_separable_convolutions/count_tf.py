# %% Settings
import keras
import numpy as np

C_IN, C_OUT, K, SIZE = 64, 128, 3, 56  # one layer on a 56x56 map
IMAGE_SIZE = 224  # MobileNet v1 at its original size
CLASSES = 1000
for name in ["C_IN", "C_OUT", "K", "SIZE", "IMAGE_SIZE", "CLASSES"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% A standard conv and a depthwise-separable one, no biases
standard = keras.layers.Conv2D(C_OUT, K, padding="same", use_bias=False)
separable = keras.layers.SeparableConv2D(  # depthwise KxK, then pointwise
    C_OUT, K, padding="same", use_bias=False)
count = lambda m: sum(int(np.prod(w.shape)) for w in m.trainable_weights)
x = np.zeros((1, SIZE, SIZE, C_IN), "float32")
print(f"output shapes: {tuple(standard(x).shape)} {tuple(separable(x).shape)}")

# %% Parameters and multiply-adds: layers against the formula
p_std, p_sep = K * K * C_IN * C_OUT, K * K * C_IN + C_IN * C_OUT
print(f"standard parameters: {count(standard)}, formula: {p_std}")
print(f"separable parameters: {count(separable)}, formula: {p_sep}")
print(f"standard multiply-adds: {p_std * SIZE * SIZE}")  # by formula
print(f"separable multiply-adds: {p_sep * SIZE * SIZE}")
print(f"ratio: {p_sep / p_std:.4f}, 1/C_out + 1/K^2: "
      f"{1 / C_OUT + 1 / K ** 2:.4f}")
print("multiply-adds counted: not by Keras; the formula above")

# %% The mistake: a full KxK conv where the depthwise one should be
wrong = keras.Sequential([  # C_in -> C_in with every channel mixed, then 1x1
    keras.layers.Conv2D(C_IN, K, padding="same", use_bias=False),
    keras.layers.Conv2D(C_OUT, 1, use_bias=False)])
wrong.build((None, SIZE, SIZE, C_IN))
print(f"without the depthwise step: {count(wrong)} parameters")
print(f"more than the standard layer when C_in > {(1 - 1 / K**2) * C_OUT:.1f}")

# %% An Xception-style block: separable convs plus a residual shortcut
def sep(x, c_out):  # depthwise 3x3 then pointwise 1x1, then BatchNorm
    x = keras.layers.SeparableConv2D(c_out, 3, padding="same",
                                     use_bias=False)(x)
    return keras.layers.BatchNormalization()(x)

def xception_block(x, c_out):  # like Xception's entry flow
    h = sep(keras.layers.ReLU()(x), c_out)
    h = sep(keras.layers.ReLU()(h), c_out)
    h = keras.layers.MaxPooling2D(3, 2, padding="same")(h)
    s = keras.layers.Conv2D(c_out, 1, 2, use_bias=False)(x)
    return keras.layers.Add()([h, keras.layers.BatchNormalization()(s)])

inputs = keras.Input((SIZE, SIZE, C_IN))
block = keras.Model(inputs, xception_block(inputs, C_OUT))
print(f"xception block: {(1,) + block.output_shape[1:]}, "
      f"parameters {count(block)}")

# %% MobileNet v1 at full size (Howard et al. 2017)
PLAN = [(64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2)] + \
    [(512, 1)] * 5 + [(1024, 2), (1024, 1)]  # (channels, stride)
def bn_relu(x):
    return keras.layers.ReLU()(keras.layers.BatchNormalization()(x))
inputs = keras.Input((IMAGE_SIZE, IMAGE_SIZE, 3))
x = bn_relu(keras.layers.Conv2D(32, 3, 2, "same", use_bias=False)(inputs))
for c_out, stride in PLAN:
    x = bn_relu(keras.layers.DepthwiseConv2D(3, stride, "same",
                                             use_bias=False)(x))
    x = bn_relu(keras.layers.Conv2D(c_out, 1, use_bias=False)(x))
x = keras.layers.GlobalAveragePooling2D()(x)
mobilenet = keras.Model(inputs, keras.layers.Dense(CLASSES)(x))
chans = [32] + [c for c, _ in PLAN]  # stem 3x3 conv, then per block:
formula = 27 * 32 + 2 * 32 + sum(9 * a + 2 * a + a * b + 2 * b  # dw, pw
                                 for a, b in zip(chans, chans[1:]))
formula += 1024 * CLASSES + CLASSES  # the dense classifier
print(f"mobilenet v1 output: {(1,) + mobilenet.output_shape[1:]}, "
      f"parameters: {count(mobilenet)}, formula: {formula}")
