import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

rng = np.random.default_rng(0)
x = np.linspace(-1.0, 1.0, 20)
y = 2.0 * x + 1.0 + 0.1 * rng.standard_normal(20)  # true line: slope 2, intercept 1
y[-1] = -10.0  # one gross outlier
X = tf.constant(x.reshape(-1, 1), tf.float32)
Y = tf.constant(y.reshape(-1, 1), tf.float32)
slope, intercept = np.polyfit(x, y, 1)
print(f"least squares, closed form: slope {slope:.4f}, intercept {intercept:.4f}")

losses = {
    "mse": tf.keras.losses.MeanSquaredError(),
    "mae": tf.keras.losses.MeanAbsoluteError(),
    "huber": tf.keras.losses.Huber(delta=1.0),
}
plt.scatter(x, y, color="black", s=15, label="data (one outlier)")
for name, loss_fn in losses.items():
    line = tf.keras.layers.Dense(1, kernel_initializer="zeros")  # slope and intercept start at 0
    line.build((None, 1))
    opt = tf.keras.optimizers.SGD(learning_rate=0.1)

    @tf.function
    def step():
        with tf.GradientTape() as tape:
            loss = loss_fn(Y, line(X))
        opt.apply_gradients(zip(tape.gradient(loss, line.trainable_variables), line.trainable_variables))

    for _ in range(300):
        step()
    slope, intercept = float(line.kernel[0, 0]), float(line.bias[0])
    print(f"{name} fit: slope {slope:.4f}, intercept {intercept:.4f}")
    plt.plot(x, slope * x + intercept, label=f"{name}: slope {slope:.2f}")
plt.plot(x, 2.0 * x + 1.0, "k:", label="true line: slope 2.00")
plt.title("One outlier pulls the MSE fit; MAE and Huber resist")
plt.xlabel("x")
plt.ylabel("y")
plt.legend()
plt.show()
