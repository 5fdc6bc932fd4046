import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits

X, y = load_digits(return_X_y=True)
X = (X / 16.0).astype("float32")
EPOCHS, BATCH, PEAK, L2 = 10, 64, 4.0, 1e-3
TOTAL = EPOCHS * (len(X) // BATCH)  # 28 full batches per epoch
WARMUP = TOTAL // EPOCHS  # one epoch
schedules = tf.keras.optimizers.schedules


def make(name):
    if name == "constant":
        return PEAK
    if name == "step":
        return schedules.ExponentialDecay(PEAK, decay_steps=TOTAL // 3, decay_rate=0.1,
                                          staircase=True)
    if name == "cosine":
        return schedules.CosineDecay(PEAK, decay_steps=TOTAL)
    return schedules.CosineDecay(PEAK / 100, decay_steps=TOTAL - WARMUP,
                                 warmup_target=PEAK, warmup_steps=WARMUP)


def objective(model, xb, yb):  # cross-entropy + L2 penalty: one minimum to converge to
    ce = tf.keras.losses.sparse_categorical_crossentropy(yb, model(xb), from_logits=True)
    return tf.reduce_mean(ce) + L2 / 2 * tf.reduce_sum(model.kernel**2)


fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
for name in ["constant", "step", "cosine", "warmup+cosine"]:
    # softmax regression, started at zero in both frameworks
    model = tf.keras.layers.Dense(10, kernel_initializer="zeros")
    model.build((None, 64))
    opt = tf.keras.optimizers.SGD(learning_rate=make(name))

    @tf.function
    def train_step(xb, yb):
        with tf.GradientTape() as tape:
            loss = objective(model, xb, yb)
        grads = tape.gradient(loss, model.trainable_variables)
        opt.apply_gradients(zip(grads, model.trainable_variables))
        return loss

    rng = np.random.default_rng(1)  # the same batches for every schedule and framework
    batch_losses, epoch_losses = [], []
    for epoch in range(EPOCHS):
        order = rng.permutation(len(X))
        batches = tf.data.Dataset.from_tensor_slices((X[order], y[order]))
        for xb, yb in batches.batch(BATCH, drop_remainder=True):
            batch_losses.append(float(train_step(xb, yb)))
        epoch_losses.append(float(objective(model, X, y)))
    print(f"{name} first-epoch max batch loss: {max(batch_losses[:WARMUP]):.4f}")
    print(f"{name} loss per epoch:", " ".join(f"{v:.4f}" for v in epoch_losses))
    left.plot(batch_losses[:WARMUP], label=name)
    right.plot(range(1, EPOCHS + 1), epoch_losses, marker="o", label=name)
left.set(title="first epoch: minibatch loss", xlabel="step", ylabel="loss")
right.set(title="full training loss after each epoch", xlabel="epoch", yscale="log")
for ax in (left, right):
    ax.legend()
    ax.grid(alpha=0.3)
plt.tight_layout()
plt.show()
