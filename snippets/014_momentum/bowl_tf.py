import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

A = tf.constant([1.0, 25.0])  # f(w) = 0.5 * (w1^2 + 25 * w2^2), condition number 25
w0 = np.array([-4.0, 1.0], dtype=np.float32)
lr, mu, steps = 0.05, 0.7, 200
optimizers = {
    "gradient descent": tf.keras.optimizers.SGD(learning_rate=lr),
    "heavy-ball": tf.keras.optimizers.SGD(learning_rate=lr, momentum=mu),
    "nesterov": tf.keras.optimizers.SGD(learning_rate=lr, momentum=mu, nesterov=True),
}


@tf.function  # traced once per optimizer, then each step runs as one graph
def step(w, opt):
    with tf.GradientTape() as tape:
        loss = 0.5 * tf.reduce_sum(A * w**2)
    opt.apply_gradients([(tape.gradient(loss, w), w)])
    return loss


fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
X, Y = np.meshgrid(np.linspace(-4.5, 1, 200), np.linspace(-1.5, 1.5, 200))
ax1.contour(X, Y, 0.5 * (X**2 + 25 * Y**2), levels=np.geomspace(0.01, 20, 12), colors="lightgray")
for name, opt in optimizers.items():
    w = tf.Variable(w0)
    opt.build([w])  # create the optimizer's state (the velocity) outside the graph
    path, losses = [w0], []
    for _ in range(steps):
        losses.append(float(step(w, opt)))  # the loss before this step
        path.append(w.numpy())
    below = [t for t, l in enumerate(losses) if l < 1e-6]
    first = below[0] if below else "never"
    print(f"{name}: loss after 20 steps {losses[20]:.4e}, steps to loss < 1e-6: {first}")
    path = np.array(path)
    ax1.plot(path[:60, 0], path[:60, 1], ".-", label=name)
    ax2.semilogy(losses, label=name)
ax1.set(title="first 60 steps", xlabel="w1", ylabel="w2")
ax2.axhline(1e-6, color="gray", linestyle=":")
ax2.set(title="loss", xlabel="step")
ax1.legend()
plt.show()
