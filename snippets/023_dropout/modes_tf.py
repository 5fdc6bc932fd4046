# %% One dropout layer
import tensorflow as tf

P = 0.5  # the probability of dropping, in both libraries
COPIES = 20_000
SEED = 0
print(f"P: {P}\nCOPIES: {COPIES}\nSEED: {SEED}")
tf.keras.utils.set_random_seed(SEED)
drop = tf.keras.layers.Dropout(P)
x = tf.constant([1.0, 2.0, 3.0, 4.0, 5.0])
batch = tf.tile(x[None, :], [COPIES, 1])  # copies of the same five numbers
print("input:", x.numpy().tolist())

# %% Training mode: a fresh random mask on every call
print("training, one pass:", drop(x, training=True).numpy().tolist())
print("training, another pass:", drop(x, training=True).numpy().tolist())
out = drop(batch, training=True)
zeroed = tf.reduce_mean(tf.cast(out == 0, tf.float32))
print(f"training, entries in the batch: {int(tf.size(out))}")
print(f"training, fraction zeroed: {float(zeroed):.4f}")
kept = out != 0
scaled = tf.reduce_all(out[kept] == batch[kept] / (1 - P))
print(f"training, kept values scaled by 1/(1-p): {bool(scaled)}")
means = tf.reduce_mean(out, axis=0).numpy().tolist()
print("training, mean over copies:", [round(v, 3) for v in means])

# %% Evaluation mode: the identity
# training=False is the default outside fit
print("eval, one pass:", drop(x, training=False).numpy().tolist())
same = tf.reduce_all(drop(batch, training=False) == batch)
print(f"eval, output equals input: {bool(same)}")

# %% A whole model: the switch reaches every layer inside
layers = tf.keras.layers
model = tf.keras.Sequential(
    [tf.keras.Input((5,)), layers.Dense(100), layers.Dropout(P)])
# no training argument outside fit: inference mode
same = tf.reduce_all(model(x[None]) == model(x[None]))
print(f"model, default mode, two calls agree: {bool(same)}")
for training in [False, True]:
    first = model(x[None], training=training)
    second = model(x[None], training=training)
    agree = bool(tf.reduce_all(first == second))
    print(f"model with training={training}, two calls agree: {agree}")

# %% A layer that records its mode
class Probe(layers.Layer):  # records its mode and the share of zeros it gets
    def call(self, inputs, training=None):
        if tf.executing_eagerly():  # not the symbolic call that builds it
            zeros = float(tf.reduce_mean(tf.cast(inputs == 0, "float32")))
            seen.append((training, zeros))
        return inputs


# %% Inside a training step, at prediction and at evaluation
seen = []
model = tf.keras.Sequential([tf.keras.Input((5,)), layers.Dense(100),
                             layers.Dropout(P), Probe(), layers.Dense(1)])
# run_eagerly: the probe sees values, not a traced graph
model.compile(tf.keras.optimizers.SGD(0.01), "mse", run_eagerly=True)
model.fit(x[None], tf.ones((1, 1)), epochs=1, verbose=0)  # one step
print(f"training step: training={seen[-1][0]}, zeroed {seen[-1][1]:.2f}")
first = model.predict(x[None], verbose=0)
second = model.predict(x[None], verbose=0)
print(f"prediction: training={seen[-1][0]}, zeroed {seen[-1][1]:.2f}")
print(f"prediction, two calls agree: {bool((first == second).all())}")
model.evaluate(x[None], tf.ones((1, 1)), verbose=0)
print(f"evaluation: training={seen[-1][0]}, zeroed {seen[-1][1]:.2f}")
