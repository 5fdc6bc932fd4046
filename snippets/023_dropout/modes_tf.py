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
