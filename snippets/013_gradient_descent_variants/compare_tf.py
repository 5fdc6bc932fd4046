import time

import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

rng = np.random.default_rng(0)
n, d = 2048, 64
features = rng.standard_normal((n, d)).astype(np.float32)
true_w = rng.standard_normal((d, 1)).astype(np.float32)
targets = features @ true_w + 0.5 + 0.1 * rng.standard_normal((n, 1)).astype(np.float32)
X, y = tf.constant(features), tf.constant(targets)
floor = np.mean((features @ true_w + 0.5 - targets) ** 2)
print(f"noise floor (loss of the true weights): {floor:.4f}")

runs = {"batch": (n, 0.1, 30), "mini-batch": (32, 0.05, 3), "stochastic": (1, 0.002, 1)}  # batch size, lr, epochs
fig, (by_epoch, by_update) = plt.subplots(1, 2, figsize=(10, 4))
for name, (batch_size, lr, epochs) in runs.items():
    model = tf.keras.layers.Dense(1, kernel_initializer="zeros")  # w = 0, b = 0
    model.build((None, d))
    opt = tf.keras.optimizers.SGD(learning_rate=lr)
    opt.build(model.trainable_variables)

    @tf.function(input_signature=[tf.TensorSpec([None], tf.int64)])
    def step(idx):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean((model(tf.gather(X, idx)) - tf.gather(y, idx)) ** 2)
        opt.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))

    step.get_concrete_function()  # trace now, so tracing is not timed as an update
    per_epoch = n // batch_size
    checkpoints = set(np.geomspace(1, epochs * per_epoch, 40).round().astype(int)) | {per_epoch}
    history, updates, durations = [], 0, []  # (update, full training loss) at checkpoints
    shuffle = np.random.default_rng(1)  # the same order of examples in both frameworks
    for epoch in range(epochs):
        order = shuffle.permutation(n)
        for start in range(0, n, batch_size):
            idx = tf.constant(order[start : start + batch_size])
            tic = time.perf_counter()
            step(idx)
            durations.append(time.perf_counter() - tic)
            updates += 1
            if updates in checkpoints:
                history.append((updates, float(tf.reduce_mean((model(X) - y) ** 2))))
    steps, losses = np.array(history).T
    print(f"{name} loss after 1 epoch: {losses[steps == per_epoch][0]:.4f}")
    print(f"{name} final loss after {updates} updates: {losses[-1]:.4f}")
    print(f"{name} updates until loss < 0.02: {int(steps[losses < 0.02][0])}")
    per_update = np.median(durations)  # the median resists hiccups from other processes
    print(f"{name} cost: {batch_size} samples/update, {1e6 * per_update:.1f} us/update, "
          f"{1e6 * per_update / batch_size:.3f} us/sample")
    by_epoch.plot(steps * batch_size / n, losses, ".-", label=f"{name} (B={batch_size})")
    by_update.plot(steps, losses, ".-", label=f"{name} (B={batch_size})")
by_epoch.set(xlabel="epochs (passes over the data)", ylabel="training loss (MSE)", xscale="log", yscale="log", title="loss vs epochs")
by_update.set(xlabel="updates", xscale="log", yscale="log", title="loss vs updates")
for ax in (by_epoch, by_update):
    ax.axhline(floor, color="gray", linestyle=":", label="noise floor")
    ax.legend()
plt.tight_layout()
plt.show()
