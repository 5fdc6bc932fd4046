import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(0)
FAN_IN, FAN_OUT = 256, 512
initializers = {
    "Glorot normal": (tf.keras.initializers.GlorotNormal(), np.sqrt(2 / (FAN_IN + FAN_OUT))),
    "Glorot uniform": (tf.keras.initializers.GlorotUniform(), np.sqrt(2 / (FAN_IN + FAN_OUT))),
    "He normal": (tf.keras.initializers.HeNormal(), np.sqrt(2 / FAN_IN)),
    "He uniform": (tf.keras.initializers.HeUniform(), np.sqrt(2 / FAN_IN)),
}
for name, (initializer, formula) in initializers.items():
    w = initializer((FAN_IN, FAN_OUT)).numpy()
    tail = np.abs(w).max() / w.std()
    print(f"{name}: std {w.std():.4f}, formula {formula:.4f}, max |w| / std {tail:.2f}")

layer = tf.keras.layers.Dense(FAN_OUT)
layer.build((None, FAN_IN))
print("default Dense kernel shape:", tuple(layer.kernel.shape))
std = layer.kernel.numpy().std()
glorot = np.sqrt(2 / (FAN_IN + FAN_OUT))
print(f"default Dense kernel: std {std:.4f}, formula for Glorot uniform {glorot:.4f}")
print(f"default Dense bias: all zero {bool(np.all(layer.bias.numpy() == 0))}")
