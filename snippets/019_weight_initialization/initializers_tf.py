# %% Settings
import numpy as np
import tensorflow as tf

FAN_IN = 256
FAN_OUT = 512  # not square, so that fan_in and fan_out differ
SEED = 0
print(f"FAN_IN: {FAN_IN}\nFAN_OUT: {FAN_OUT}\nSEED: {SEED}")
print(f"draws per initializer: {FAN_IN * FAN_OUT}")
tf.keras.utils.set_random_seed(SEED)

# %% Built-in initializers against their formulas
glorot = np.sqrt(2 / (FAN_IN + FAN_OUT))
he = np.sqrt(2 / FAN_IN)
initializers = {
    "Glorot normal": (tf.keras.initializers.GlorotNormal(), glorot),
    "Glorot uniform": (tf.keras.initializers.GlorotUniform(), glorot),
    "He normal": (tf.keras.initializers.HeNormal(), he),
    "He uniform": (tf.keras.initializers.HeUniform(), he),
}
for name, (initializer, formula) in initializers.items():
    w = initializer((FAN_IN, FAN_OUT)).numpy()  # Keras: (fan_in, fan_out)
    tail = np.abs(w).max() / w.std()
    print(f"{name}: std {w.std():.4f}, formula {formula:.4f}, "
          f"max |w| / std {tail:.2f}")

# %% What a layer gets by default
layer = tf.keras.layers.Dense(FAN_OUT)
layer.build((None, FAN_IN))
std = layer.kernel.numpy().std()
print("default kernel shape:", tuple(layer.kernel.shape))
print(f"default kernel: std {std:.4f}, Glorot uniform {glorot:.4f}")
print(f"default bias all zero: {bool(np.all(layer.bias.numpy() == 0))}")
print(f"ReLU gain per layer with this default: {std * np.sqrt(FAN_IN / 2):.3f}")
