# %% Settings: one set of weights, stored as NumPy arrays
import numpy as np
import keras

SEED = 0
BATCH, C_IN, SIZE = 2, 3, 8
C_OUT, K = 4, 3
print(f"seed: {SEED}\nbatch, channels, size: {BATCH}, {C_IN}, {SIZE}")
rng = np.random.default_rng(SEED)
x = rng.normal(size=(BATCH, C_IN, SIZE, SIZE)).astype(np.float32)  # NCHW
w = rng.normal(size=(C_OUT, C_IN, K, K)).astype(np.float32)  # OIHW
b = rng.normal(size=C_OUT).astype(np.float32)
print("images NCHW:", x.shape, "kernels OIHW:", w.shape)

# %% Copy them into the framework's layer, in its own layout
layer = keras.layers.Conv2D(C_OUT, K)  # TensorFlow: HWIO kernel
layer.build((None, SIZE, SIZE, C_IN))
layer.set_weights([w.transpose(2, 3, 1, 0), b])  # OIHW -> HWIO
print("layer kernel shape:", tuple(layer.kernel.shape))
nhwc = layer(x.transpose(0, 2, 3, 1)).numpy()  # NCHW -> NHWC in
maps = nhwc.transpose(0, 3, 1, 2)  # NHWC -> NCHW out

# %% The same feature maps in both frameworks (shown in NCHW order)
print("feature maps NCHW:", maps.shape)
print(f"mean: {maps.mean():.5f}, sd: {maps.std():.5f}")
print("image 0, channel 0, row 0:", np.round(maps[0, 0, 0], 4))
print("image 1, channel 3, row 5:", np.round(maps[1, 3, 5], 4))
windows = np.lib.stride_tricks.sliding_window_view(x, (K, K), axis=(2, 3))
ref = np.einsum("bchwij,ocij->bohw", windows, w) + b[:, None, None]
print(f"vs a NumPy reference, relative error: "
      f"{np.abs(maps - ref).max() / np.abs(ref).max():.1e}")

# %% Pitfall: reshaping the other layout instead of transposing it
oihw = w  # the kernels in PyTorch's layout
layer.set_weights([oihw.reshape(K, K, C_IN, C_OUT), b])
wrong = layer(x.transpose(0, 2, 3, 1)).numpy().transpose(0, 3, 1, 2)
print(f"reshape instead of transpose, largest difference: "
      f"{np.abs(wrong - maps).max():.2f}")

# %% Pitfall: feeding images in the other framework's layout
try:
    layer(x)  # NCHW (2, 3, 8, 8): read as height 3, width 8, 8 channels
except ValueError as error:
    print(f"NCHW into an NHWC layer: channels read {x.shape[-1]}, expected "
          f"{C_IN}: {type(error).__name__}")
