import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(0)  # seeds Python, NumPy and TensorFlow (fit's shuffling)

# The same synthetic data as day 3.
rng = np.random.default_rng(0)
true_w, true_b, noise = np.array([2.0, -3.4]), 4.2, 0.01
X = rng.normal(size=(1000, 2)).astype(np.float32)
y = (X @ true_w + true_b + rng.normal(scale=noise, size=1000)).astype(np.float32).reshape(-1, 1)
print("true w:", true_w.tolist(), "true b:", true_b)

# A built-in layer; we overwrite its random start with day 3's, to compare like with like.
net = tf.keras.Sequential([tf.keras.Input(shape=(2,)), tf.keras.layers.Dense(1)])
layer = net.layers[0]
print("kernel shape (in, out):", tuple(layer.kernel.shape))
layer.kernel.assign(rng.normal(scale=0.01, size=(2, 1)).astype(np.float32))
layer.bias.assign(np.zeros(1, dtype=np.float32))

# Built-in loss and optimizer; fit shuffles, batches and loops over epochs.
net.compile(optimizer=tf.keras.optimizers.SGD(learning_rate=0.03), loss=tf.keras.losses.MeanSquaredError())
history = net.fit(X, y, batch_size=10, epochs=3, shuffle=True, verbose=0)
for epoch, loss in enumerate(history.history["loss"]):
    print(f"epoch {epoch + 1}: mean minibatch loss {loss:.3e}")

w, b = layer.kernel.numpy().ravel(), float(layer.bias.numpy()[0])
print("learned w:", [round(v, 4) for v in w.tolist()], "learned b:", round(b, 4))
print("error in w:", round(float(np.max(np.abs(w - true_w))), 4))
print("error in b:", round(abs(b - true_b), 4))
