import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.model_selection import KFold

tf.keras.utils.set_random_seed(0)
X, y = load_digits(return_X_y=True)
X = (X / 16.0).astype(np.float32)
folds = KFold(n_splits=5, shuffle=True, random_state=0)  # the same folds in both frameworks
loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)


def make_model(hidden):
    layers = [tf.keras.layers.Dense(hidden, "relu")] if hidden else []
    return tf.keras.Sequential([tf.keras.Input((64,)), *layers, tf.keras.layers.Dense(10)])


def fit_and_score(hidden, train, val):
    model, opt = make_model(hidden), tf.keras.optimizers.Adam(1e-2)

    @tf.function
    def step(x, t):
        with tf.GradientTape() as tape:
            loss = loss_fn(t, model(x, training=True))
        opt.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))

    x_train, y_train = tf.constant(X[train]), tf.constant(y[train])
    for _ in range(100):  # full-batch steps on the 4 training folds
        step(x_train, y_train)
    return float(np.mean(np.argmax(model(X[val]), axis=1) == y[val]))


for hidden in [0, 64]:
    scores = [fit_and_score(hidden, train, val) for train, val in folds.split(X)]
    name = f"{hidden} hidden units" if hidden else "no hidden layer"
    print(f"{name}: fold accuracies", np.round(scores, 3))
    print(f"{name}: mean {np.mean(scores):.3f} ± {np.std(scores):.3f} (std across folds)")
