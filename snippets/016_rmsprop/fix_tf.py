import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

A = tf.constant([1.0, 25.0])  # the day-14 bowl f(w) = 0.5 * (w1^2 + 25 * w2^2)
w0 = np.array([-4.0, 1.0], dtype=np.float32)
lr, steps = 0.1, 300
optimizers = {  # the same learning rate; defaults aligned with PyTorch's (see the step snippets)
    "adagrad": tf.keras.optimizers.Adagrad(
        learning_rate=lr, initial_accumulator_value=0.0, epsilon=1e-10),
    "rmsprop": tf.keras.optimizers.RMSprop(learning_rate=lr, rho=0.9, epsilon=1e-10),
}


@tf.function  # traced once per optimizer, then each step runs as one graph
def step(w, opt):
    with tf.GradientTape() as tape:
        loss = 0.5 * tf.reduce_sum(A * w**2)
    g = tape.gradient(loss, w)
    opt.apply_gradients([(g, w)])
    return g


fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
for name, opt in optimizers.items():
    w = tf.Variable(w0)
    opt.build([w])  # create the optimizer's state outside the graph
    rates, distances = [], []
    for t in range(1, steps + 1):
        before = w.numpy()
        g = step(w, opt).numpy()
        rates.append((before - w.numpy()) / g)  # the effective rate each parameter got
        distances.append(np.linalg.norm(w.numpy()))
        if t in (10, 60, 300):
            rate = np.array2string(rates[-1], precision=4)
            print(f"{name} step {t}: rates {rate} distance {distances[-1]:.4f}")
    print(f"{name} closest approach: {min(distances):.1e} at step {np.argmin(distances) + 1}")
    rates, color = np.array(rates), "C0" if name == "adagrad" else "C1"
    ax1.semilogy(rates[:, 0], color=color, label=f"{name} w1")
    ax1.semilogy(rates[:, 1], color=color, linestyle="--", label=f"{name} w2")
    ax2.semilogy(distances, color=color, label=name)
print("rmsprop final |w|:", np.array2string(np.abs(w.numpy()), precision=4))
ax1.axhline(2.0, color="gray", linestyle=":")  # 2 / curvature: the edge of stability for w1
ax1.axhline(0.08, color="gray", linestyle=":")  # ... and for w2
ax1.set(title="effective learning rate", xlabel="step", ylim=(5e-4, 500))
ax2.set(title="distance to the minimum", xlabel="step")
ax1.legend(ncol=2, loc="upper left")
ax2.legend()
plt.show()
