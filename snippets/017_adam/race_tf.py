import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

w0 = np.array([-1.2, 1.0], dtype=np.float32)  # the classic start; the minimum is at (1, 1)
steps = 500
optimizers = {  # each rate: the best of 1e-4, 3e-4, 1e-3, ..., 1 for this start and budget
    "gradient descent": tf.keras.optimizers.SGD(learning_rate=3e-3),
    "momentum 0.9": tf.keras.optimizers.SGD(learning_rate=3e-3, momentum=0.9),
    "adagrad": tf.keras.optimizers.Adagrad(
        learning_rate=1.0, initial_accumulator_value=0.0, epsilon=1e-10),
    "rmsprop": tf.keras.optimizers.RMSprop(learning_rate=3e-2, rho=0.9, epsilon=1e-10),
    "adam": tf.keras.optimizers.Adam(learning_rate=1.0, beta_1=0.9, beta_2=0.999, epsilon=1e-8),
}


def rosenbrock(w):
    return (1 - w[0]) ** 2 + 100 * (w[1] - w[0] ** 2) ** 2


@tf.function  # traced once per optimizer, then each step runs as one graph
def step(w, opt):
    with tf.GradientTape() as tape:
        loss = rosenbrock(w)
    opt.apply_gradients([(tape.gradient(loss, w), w)])
    return loss, w.read_value()


fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4.5))
X, Y = np.meshgrid(np.linspace(-2, 2, 300), np.linspace(-1, 3, 300))
ax1.contour(X, Y, rosenbrock([X, Y]), levels=np.geomspace(0.1, 2000, 15), colors="lightgray")
for name, opt in optimizers.items():
    w = tf.Variable(w0)
    opt.build([w])  # create the optimizer's state outside the graph
    losses, path = (tf.stack(x).numpy() for x in zip(*[step(w, opt) for _ in range(steps)]))
    print(f"{name}: distance to (1, 1) after {steps} steps {np.linalg.norm(path[-1] - 1):.4f}")
    path = np.vstack([w0, path])
    ax1.plot(path[:, 0], path[:, 1], ".-", markersize=2, linewidth=0.8, label=name)
    ax2.semilogy(losses, label=name)
ax1.plot(1, 1, "k*", markersize=12)
ax1.set(title="trajectories on the Rosenbrock function", xlim=(-2, 2), ylim=(-1, 3))
ax2.set(title="loss", xlabel="step")
ax2.legend()
plt.show()
