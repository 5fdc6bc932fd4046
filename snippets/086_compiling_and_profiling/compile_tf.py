# %% Settings
import math
import re
import time

import keras
import numpy as np
import tensorflow as tf

DATA_SEED, SEED = 0, 0
N, FEATURES, HIDDEN, CLASSES = 512, 64, 256, 10
REPEATS, ROUNDS = 20, 3  # calls per timing, timings (the fastest is kept)
TOLERANCE = 1e-5  # compiled vs eager, largest absolute difference
for name in "DATA_SEED SEED N FEATURES HIDDEN CLASSES REPEATS ROUNDS".split():
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
print("tolerance:", TOLERANCE)
# %% Data and a network whose activation is written out as small ops
rng = np.random.default_rng(DATA_SEED)
X = tf.constant(rng.normal(size=(N, FEATURES)).astype("float32"))
def gelu(x):  # the tanh approximation, one tensor op at a time
    inner = math.sqrt(2 / math.pi) * (x + 0.044715 * x**3)
    return 0.5 * x * (1 + tf.tanh(inner))
keras.utils.set_random_seed(SEED)
model = keras.Sequential([keras.Input((FEATURES,)),
                          keras.layers.Dense(HIDDEN, activation=gelu),
                          keras.layers.Dense(HIDDEN, activation=gelu),
                          keras.layers.Dense(CLASSES)])
eager = lambda x: model(x, training=False)  # op by op, from Python
print("X:", tuple(X.shape), "outputs:", tuple(eager(X).shape))
# %% Compiler settings, for this site's time limit only
# none: TensorFlow's defaults fit this site's 30-s limit; tf.function and XLA
# compile inside this process, with no C++ compiler
# %% Compile: capture the whole computation once, run it many times
# tf.function traces a graph; jit_compile=True also compiles it with XLA
graph = tf.function(eager)  # nothing happens until the first call
xla = tf.function(eager, jit_compile=True)
# verified: timing
for name, f in (("tf.function", graph), ("jit_compile=True", xla)):
    start = time.perf_counter()
    y = f(X)  # trace (and, with XLA, compile to machine code)
    cold = time.perf_counter() - start
    print(f"this machine, first call of {name}: {cold:.1f} s")
# %% What the compiler made of it
# XLA's optimised program, as HLO text
hlo = xla.experimental_get_compiler_ir(X)(stage="optimized_hlo")
entry = hlo.split("ENTRY")[1]  # the main computation, one step a line
steps = [s for s in re.findall(r" = \S+ (\w+)\(", entry) if s != "parameter"]
print("steps:", ", ".join(steps))
inside = re.findall(r" = \S+ (\w+)\(", hlo.split("ENTRY")[0])  # the fusions
print("operations fused:", sorted(set(inside) - {"parameter"}))
# %% Compiled and eager outputs agree
y_eager = eager(X).numpy()
print(f"largest |output|: {np.abs(y_eager).max():.2f}")
for name, f in (("tf.function", graph), ("jit_compile=True", xla)):
    diff = np.abs(f(X).numpy() - y_eager).max()
    print(f"{name} vs eager, max |difference|: {diff:.1e}")
    print("within tolerance:", diff <= TOLERANCE)
# %% Speed-up, measured in one run
def seconds(f):  # the fastest of ROUNDS timings of REPEATS calls
    best = float("inf")
    for _ in range(ROUNDS):
        start = time.perf_counter()
        for _ in range(REPEATS):
            f(X)
        best = min(best, time.perf_counter() - start)
    return best
# verified: timing
eager_s, graph_s, xla_s = seconds(eager), seconds(graph), seconds(xla)
print(f"this machine, speed-up of tf.function over eager: "
      f"{eager_s / graph_s:.2f}x")
print(f"this machine, speed-up of jit_compile=True over eager: "
      f"{eager_s / xla_s:.2f}x")
