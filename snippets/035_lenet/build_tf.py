# %% Settings
import tensorflow as tf

SIZE = 32  # LeNet-5's input: 32x32 pixels, one channel
PAD = 2  # on the first convolution, for 28x28 MNIST digits
KERNEL = 5
C1, C3, C5, F6, CLASSES = 6, 16, 120, 84, 10  # channels and units
for name in ["SIZE", "PAD", "KERNEL", "C1", "C3", "C5", "F6", "CLASSES"]:
    print(f"{name.lower()}: {globals()[name]}")


# %% LeNet-5: two conv/pool stages, then C5, F6 and the output layer
def lenet(pad):  # pad = 0 for 32x32 inputs, PAD for 28x28 ones
    layers = tf.keras.layers
    return tf.keras.Sequential([
        tf.keras.Input((SIZE - 2 * pad, SIZE - 2 * pad, 1)),  # NHWC
        layers.ZeroPadding2D(pad),  # pad = 0 adds nothing
        layers.Conv2D(C1, KERNEL, activation="tanh"),  # C1
        layers.AveragePooling2D(2),  # S2
        layers.Conv2D(C3, KERNEL, activation="tanh"),  # C3
        layers.AveragePooling2D(2),  # S4
        layers.Conv2D(C5, KERNEL, activation="tanh"),  # C5: 5x5 -> 1x1
        layers.Flatten(),
        layers.Dense(F6, activation="tanh"),  # F6
        layers.Dense(CLASSES),  # logits
    ])


# %% The shapes and parameters of each layer, on a 32x32 input
NAMES = ["C1", "S2", "C3", "S4", "C5", "flatten", "F6", "output"]
model = lenet(0)
x = tf.zeros((1, SIZE, SIZE, 1))  # NHWC
x = model.layers[0](x)  # the zero padding
for name, layer in zip(NAMES, model.layers[1:]):
    x = layer(x)  # the tanh is inside C1, C3, C5 and F6
    dims = x.shape[1:][-1:] + x.shape[1:][:-1]  # channels x H x W
    shape = "x".join(str(d) for d in dims)
    n = layer.count_params()
    print(f"{name:>7}: output {shape:>8}, parameters {n}")

# %% The count, from the framework and from the formula
count = model.count_params()
K2 = KERNEL * KERNEL
formula = ((K2 * 1 + 1) * C1 + (K2 * C1 + 1) * C3 + (K2 * C3 + 1) * C5
           + (C5 + 1) * F6 + (F6 + 1) * CLASSES)
print("parameters, TensorFlow:", count)
print("parameters, formula:", formula)
padded = lenet(PAD)  # 28x28 input, padding 2: the same weights' shapes
print("parameters, 28x28 with padding 2:", padded.count_params())
c1 = padded.layers[1](padded.layers[0](tf.zeros((1, 28, 28, 1)))).shape
print("C1 output on 28x28:", "x".join(str(d) for d in (c1[3], c1[1], c1[2])))

# %% The 1998 paper's count: sparse C3, trainable pooling, fixed RBF output
C3_INPUTS = 6 * 3 + 9 * 4 + 1 * 6  # the paper's C3 connection table
paper = {"C1": (K2 + 1) * C1, "S2": 2 * C1, "C3": K2 * C3_INPUTS + C3,
         "S4": 2 * C3, "C5": (K2 * C3 + 1) * C5, "F6": (C5 + 1) * F6}
for name, n in paper.items():
    print(f"paper, {name}: {n}")
print("paper, trainable total:", sum(paper.values()))
print("paper, fixed RBF output weights:", F6 * CLASSES)
