import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

A = tf.constant([1.0, 25.0])  # the day-14 bowl f(w) = 0.5 * (w1^2 + 25 * w2^2)
w0 = np.array([-4.0, 1.0], dtype=np.float32)
lr, steps = 0.1, 300
opt = tf.keras.optimizers.Adagrad(learning_rate=lr, initial_accumulator_value=0.0, epsilon=1e-10)
w = tf.Variable(w0)
opt.build([w])  # create the accumulator outside the graph


@tf.function  # one graph per step instead of one Python call per op
def step():
    with tf.GradientTape() as tape:
        loss = 0.5 * tf.reduce_sum(A * w**2)
    g = tape.gradient(loss, w)
    opt.apply_gradients([(g, w)])
    return g


rates, distances = [], []
for t in range(1, steps + 1):
    before = w.numpy()
    g = step().numpy()
    rates.append((before - w.numpy()) / g)  # the effective rate each parameter got
    distances.append(np.linalg.norm(w.numpy()))
    if t in (1, 10, 100, 300):
        rate = np.array2string(rates[-1], precision=5)
        print(f"step {t}: rates {rate} distance to minimum {distances[-1]:.4f}")

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
ax1.loglog(range(1, steps + 1), np.array(rates), label=["w1 (curvature 1)", "w2 (curvature 25)"])
ax1.set(title="Adagrad's effective learning rate", xlabel="step")
ax1.legend()
ax2.plot(range(1, steps + 1), distances)
ax2.set(title="distance to the minimum", xlabel="step", ylim=(0, None))
plt.show()
