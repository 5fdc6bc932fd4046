import tensorflow as tf

tf.keras.utils.set_random_seed(0)
p = 0.5
drop = tf.keras.layers.Dropout(p)
x = tf.constant([1.0, 2.0, 3.0, 4.0, 5.0])
batch = tf.tile(x[None, :], [20_000, 1])  # 20,000 copies of the same five numbers

# training mode: a fresh random mask on every call
print("input:", x.numpy().tolist())
print("training, one pass:", drop(x, training=True).numpy().tolist())
print("training, another pass:", drop(x, training=True).numpy().tolist())
out = drop(batch, training=True)
print("training, fraction zeroed:", f"{tf.reduce_mean(tf.cast(out == 0, tf.float32)).numpy():.4f}")
kept = out != 0
print("training, kept values scaled by 1/(1-p):", bool(tf.reduce_all(out[kept] == batch[kept] / (1 - p))))
print("training, mean over copies:", [round(v, 3) for v in tf.reduce_mean(out, axis=0).numpy().tolist()])

# evaluation mode (training=False, the default outside fit): the identity
print("eval, one pass:", drop(x, training=False).numpy().tolist())
print("eval, output equals input:", bool(tf.reduce_all(drop(batch, training=False) == batch)))

# The same switch for a whole model: training= is passed down to every layer inside.
model = tf.keras.Sequential([tf.keras.Input((5,)), tf.keras.layers.Dense(100), tf.keras.layers.Dropout(p)])
for training in [False, True]:
    agree = bool(tf.reduce_all(model(x[None], training=training) == model(x[None], training=training)))
    print(f"model with training={training}, two calls agree:", agree)
