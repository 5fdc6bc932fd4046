# %% Settings: the layer's size, the batch, the int8 range
import os
import tempfile

import numpy as np

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # quiet C++ logs (page)
import tensorflow as tf  # noqa: E402
from ai_edge_litert.interpreter import Interpreter  # noqa: E402

SEED = 0  # the layer's initial weights
N_IN, N_OUT = 784, 128  # a dense layer of the MNIST model below
N_BATCH = 32  # random inputs in [0, 1), like pixels
QMIN, QMAX = -128, 127  # int8
for name in ["SEED", "N_IN", "N_OUT", "N_BATCH", "QMIN", "QMAX"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% One layer and its activations on random inputs
tf.keras.utils.set_random_seed(SEED)
layer = tf.keras.layers.Dense(N_OUT)
layer.build((None, N_IN))
W = layer.kernel.numpy().T  # N_OUT x N_IN, float32, as PyTorch stores it
print(f"weights: {W.shape}, min {W.min():.5f}, max {W.max():.5f}")
x = np.random.default_rng(SEED).random((N_BATCH, N_IN), dtype=np.float32)
A = tf.nn.relu(layer(x)).numpy()  # activations: all >= 0, not symmetric
print(f"activations: {A.shape}, min {A.min():.5f}, max {A.max():.5f}")

# %% Affine quantization by hand: w = scale * (q - zero_point)
scale = np.float32((A.max() - A.min()) / (QMAX - QMIN))
zero_point = int(np.round(QMIN - A.min() / scale))
q = np.clip(np.round(A / scale) + zero_point, QMIN, QMAX).astype(np.int8)
A_hat = scale * (q.astype(np.float32) - zero_point)
error = np.abs(A - A_hat).max()
print(f"scale: {scale:.4e}, zero point: {zero_point}")
print(f"q range: {q.min()} to {q.max()}")
print(f"round-trip error: max {error:.4e}, scale/2 {scale / 2:.4e}")
print("error within scale/2:", bool(error <= scale / 2 * (1 + 1e-6)))

# %% The same integers from the framework's quantizer
# fake_quant rounds to the same 256-level grid (stored as 0..255, then
# dequantized): its values give back the integers, shifted by the zero point.
A_fw = tf.quantization.fake_quant_with_min_max_vars(
    A, float(A.min()), float(A.max()), num_bits=8).numpy()
q_fw = np.round(A_fw / scale) + zero_point
print(f"integers unlike the framework's: {(q_fw != q).sum()} of {q.size}")

# %% Dynamic int8 in the framework: the layer's weights become int8
model = tf.keras.Sequential([tf.keras.Input((N_IN,)), layer])
tf.get_logger().setLevel("WARNING")  # no INFO lines ("Assets written")
folder = tempfile.mkdtemp()
model.export(folder, verbose=False)  # a SavedModel, as on day 87
converter = tf.lite.TFLiteConverter.from_saved_model(folder)
converter.optimizations = [tf.lite.Optimize.DEFAULT]  # dynamic-range int8
interpreter = Interpreter(model_content=converter.convert())
kernel = next(t for t in interpreter.get_tensor_details()
              if t["dtype"] == np.int8)  # the int8 weights, N_OUT x N_IN
params = kernel["quantization_parameters"]
zeros = sorted(set(params["zero_points"].tolist()))
print(f"scheme: per output channel, {len(params['scales'])} scales, "
      f"zero points {zeros}")

# %% The same integers by hand: symmetric, zero point 0
sym_scale = np.abs(W).max(axis=1) / np.float32(127)  # twins differ: per row
q_sym = np.clip(np.round(W / sym_scale[:, None]), QMIN, QMAX)
print(f"scales: max relative difference "
      f"{np.abs(sym_scale / params['scales'] - 1).max():.1e}")
q_fw = interpreter.get_tensor(kernel["index"])
print(f"integers unlike the framework's: {(q_fw != q_sym).sum()} of {W.size}")
sym_error = np.abs(W - sym_scale[:, None] * q_sym).max(axis=1)
half_steps = (sym_error / (sym_scale / 2)).max()  # per row, then the worst
print(f"round-trip error: max {sym_error.max():.4e}, "
      f"in half steps {half_steps:.6f}")
print("error within scale/2:", bool(half_steps <= 1 + 1e-6))
