# %% Settings
import keras
import numpy as np
import tensorflow as tf

DATA_SEED = 0  # the generated data and the initial weights
N_FEATURES = 8
HIDDEN = 32
BATCH_SIZE = 64  # the large batch: one optimizer update
ACCUM_STEPS = 4  # k micro-batches per optimizer update
MICRO_BATCH = 16  # BATCH_SIZE / ACCUM_STEPS
LEARNING_RATE = 0.05
MOMENTUM = 0.9
STEPS = 5  # optimizer updates
HALVE_EVERY = 5  # the schedule halves the learning rate every 5 updates
for name in ["DATA_SEED", "N_FEATURES", "HIDDEN", "BATCH_SIZE", "ACCUM_STEPS",
             "MICRO_BATCH", "LEARNING_RATE", "MOMENTUM", "STEPS",
             "HALVE_EVERY"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Data and the model, as in the first snippet
rng = np.random.default_rng(DATA_SEED)
X = rng.normal(size=(BATCH_SIZE * STEPS, N_FEATURES)).astype("float32")
y = np.sin(X @ rng.normal(size=(N_FEATURES, 1))).astype("float32")
W1 = rng.normal(size=(N_FEATURES, HIDDEN)) / np.sqrt(N_FEATURES)
W2 = rng.normal(size=(HIDDEN, 1)) / np.sqrt(HIDDEN)
def build():  # 8 -> 32 tanh -> 1, weights copied in (Dense stores W)
    model = keras.Sequential([keras.Input((N_FEATURES,)),
                              keras.layers.Dense(HIDDEN, activation="tanh"),
                              keras.layers.Dense(1)])
    for layer, W in zip(model.layers, [W1, W2]):
        layer.set_weights([W, np.zeros(W.shape[1])])
    return model
def fit(learning_rate, accum_steps):  # None: no accumulation
    model = build()
    sgd = keras.optimizers.SGD(learning_rate, momentum=MOMENTUM,
                               gradient_accumulation_steps=accum_steps)
    model.compile(optimizer=sgd, loss="mse")  # the mean over each batch
    model.fit(X, y, batch_size=BATCH_SIZE // (accum_steps or 1),
              shuffle=False, verbose=0)
    return model, sgd

# %% What the framework accumulates by itself
model = build()
for calls in (1, 2):  # each tape.gradient call returns a fresh gradient
    with tf.GradientTape() as tape:
        loss = keras.losses.MeanSquaredError()(y[:MICRO_BATCH],
                                               model(X[:MICRO_BATCH]))
    print(f"after tape.gradient call {calls}, gradient[0,0]:",
          round(float(tape.gradient(loss, model.weights[0])[0, 0]), 4))
large, _ = fit(LEARNING_RATE, None)  # batches of 64
accum, sgd = fit(LEARNING_RATE, ACCUM_STEPS)  # 4 micro-batches of 16
diff = max(np.abs(a - b).max()
           for a, b in zip(large.get_weights(), accum.get_weights()))
print(f"fit: {len(X) // MICRO_BATCH} micro-batches, {int(sgd.iterations)} "
      f"updates, weights max abs diff: {diff:.1e}")

# %% A learning-rate schedule: count updates, not micro-batches
halving = keras.optimizers.schedules.ExponentialDecay(
    LEARNING_RATE, HALVE_EVERY, 0.5, staircase=True)  # like StepLR
_, sgd = fit(halving, ACCUM_STEPS)
for label, count in [("updates", STEPS),
                     ("micro-batches", len(X) // MICRO_BATCH)]:
    print(f"schedule counting {label}, lr after {STEPS} updates: "
          f"{float(halving(count)):.6f}")
print(f"Keras uses, after {int(sgd.iterations)} updates: "
      f"{float(sgd.learning_rate):.6f}")
