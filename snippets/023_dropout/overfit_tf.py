import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits

tf.keras.utils.set_random_seed(0)
X, y = load_digits(return_X_y=True)
X = (X / 16.0).astype(np.float32)
order = np.random.default_rng(0).permutation(len(X))
train, val = order[:150], order[150:]  # a deliberately tiny training set: 150 images
X_train, y_train = tf.constant(X[train]), tf.constant(y[train])
X_val, y_val = tf.constant(X[val]), tf.constant(y[val])
loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
steps = 300


def make_model(p_in, p_hidden):
    layers = tf.keras.layers
    return tf.keras.Sequential([tf.keras.Input((64,)), layers.Dropout(p_in), layers.Dense(128, "relu"), layers.Dropout(p_hidden),
                                layers.Dense(128, "relu"), layers.Dropout(p_hidden), layers.Dense(10)])


def evaluate(model, X, y):  # always with training=False: dropout off
    logits = model(X, training=False)
    return float(loss_fn(y, logits)), float(tf.reduce_mean(tf.cast(tf.argmax(logits, 1) == y, tf.float32)))


for name, p_in, p_hidden in [("no dropout", 0.0, 0.0), ("dropout", 0.2, 0.5)]:
    model = make_model(p_in, p_hidden)
    opt = tf.keras.optimizers.Adam(learning_rate=3e-3)

    @tf.function
    def train_step():
        with tf.GradientTape() as tape:
            loss = loss_fn(y_train, model(X_train, training=True))
        opt.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))

    curve = []
    for step in range(steps):  # full-batch steps: the training set is tiny
        train_step()
        if step % 10 == 9:
            curve.append(evaluate(model, X_val, y_val)[0])  # validation loss every 10 steps
    (train_loss, train_acc), (val_loss, val_acc) = evaluate(model, X_train, y_train), evaluate(model, X_val, y_val)
    print(f"{name}: train loss {train_loss:.3f}, val loss {val_loss:.3f}, gap {val_loss - train_loss:.3f}")
    print(f"{name}: train acc {train_acc:.3f}, val acc {val_acc:.3f}, gap {train_acc - val_acc:.3f}")
    print(f"{name}: lowest val loss {min(curve):.3f} at step {10 * (np.argmin(curve) + 1)}")
    plt.plot(range(10, steps + 1, 10), curve, label=name)

plt.xlabel("training step")
plt.ylabel("validation loss")
plt.ylim(0, 1)
plt.title("150 training digits: validation loss during training")
plt.legend()
plt.show()
