# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

CURVATURES = (1.0, 25.0)  # the day-14 bowl f(w) = 0.5 * (w1^2 + 25 * w2^2)
W0 = (-4.0, 1.0)
LR, EPS, STEPS = 0.1, 1e-10, 300  # Adagrad's rate, epsilon and steps
SGD_LR = 0.05  # plain gradient descent for comparison, as on day 14
SHOWN = (1, 10, 100, 300)  # the steps printed
SWEEP = (0.1, 0.3, 0.5, 1.0)  # Adagrad learning rates for the last test
print(f"learning rate: {LR}, epsilon: {EPS}, steps: {STEPS}")
print(f"gradient descent learning rate: {SGD_LR}, sweep: {SWEEP}")
A, w0 = tf.constant(CURVATURES), np.array(W0, np.float32)
print(f"distance to the minimum at the start: {np.linalg.norm(w0):.4f}")


# %% The optimizer and one step
def make_step(opt):
    w = tf.Variable(w0)
    opt.build([w])  # create the optimizer's state outside the graph

    @tf.function  # one graph per step instead of one Python call per op
    def step():
        with tf.GradientTape() as tape:
            loss = 0.5 * tf.reduce_sum(A * w**2)
        g = tape.gradient(loss, w)
        opt.apply_gradients([(g, w)])
        return g

    return w, step


# %% 300 steps, measuring the rate each parameter got
w, step = make_step(tf.keras.optimizers.Adagrad(
    learning_rate=LR, initial_accumulator_value=0.0, epsilon=EPS))
rates, distances = [], []
for t in range(STEPS):
    before = w.numpy()
    g = step().numpy()
    rates.append((before - w.numpy()) / g)  # effective rates
    distances.append(np.linalg.norm(w.numpy()))
rates = np.array(rates)

# %% Results
print("step  rate w1   rate w2   distance to minimum")
for t in SHOWN:
    print(f"{t:<5} {rates[t - 1, 0]:.5f}  {rates[t - 1, 1]:.5f}  "
          f"{distances[t - 1]:.4f}")
print(f"w1's rate rose at some step: {bool(np.any(np.diff(rates[:, 0]) > 0))}")
w, step = make_step(tf.keras.optimizers.SGD(learning_rate=SGD_LR))
for t in range(STEPS):
    step()
print(f"gradient descent, distance after {STEPS} steps: "
      f"{np.linalg.norm(w.numpy()):.1e}")

# %% Is it Adagrad, or the learning rate?
# w1's gradient only shrinks on the way, so its rate is at most lr / (|g| *
# sqrt(t)) and w1 travels at most 2 * lr * sqrt(t) (it starts 4 away)
print(f"lr    w1's reach 2*lr*sqrt({STEPS})  distance after {STEPS} steps")
for lr in SWEEP:
    w, step = make_step(tf.keras.optimizers.Adagrad(
        learning_rate=lr, initial_accumulator_value=0.0, epsilon=EPS))
    for t in range(STEPS):
        step()
    reach = 2 * lr * np.sqrt(STEPS)
    distance = np.linalg.norm(w.numpy())
    print(f"{lr:<5} {reach:>24.2f} {distance:>24.1e}")

# %% Figure
steps = range(1, STEPS + 1)
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
ax1.loglog(steps, rates, label=["w1 (curvature 1)", "w2 (curvature 25)"])
ax1.set(title="Adagrad's effective learning rate", xlabel="step")
ax1.legend()
ax2.plot(steps, distances)
ax2.set(title="distance to the minimum", xlabel="step", ylim=(0, None))
fig.suptitle(f"Adagrad on the day-14 bowl, lr {LR}")
plt.show()
