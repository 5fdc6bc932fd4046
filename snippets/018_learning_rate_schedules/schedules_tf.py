import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

TOTAL, WARMUP, PEAK = 100, 10, 0.1
schedules = {
    "constant": lambda step: tf.constant(PEAK),
    # multiply by 0.1 every 30 steps
    "step": tf.keras.optimizers.schedules.ExponentialDecay(
        PEAK, decay_steps=30, decay_rate=0.1, staircase=True),
    "cosine": tf.keras.optimizers.schedules.CosineDecay(PEAK, decay_steps=TOTAL),
    # linear from PEAK / 100 up to PEAK over WARMUP steps, then cosine down to 0
    "warmup+cosine": tf.keras.optimizers.schedules.CosineDecay(
        PEAK / 100, decay_steps=TOTAL - WARMUP, warmup_target=PEAK, warmup_steps=WARMUP),
}
curves = {name: np.array([float(schedule(step)) for step in range(TOTAL)])
          for name, schedule in schedules.items()}

shown = [0, 5, 10, 29, 30, 50, 60, 90, 99]
print("steps:", shown)
for name, lr in curves.items():
    print(f"{name} lr:", " ".join(f"{lr[s]:.6f}" for s in shown))

for name, lr in curves.items():
    plt.plot(lr, label=name)
plt.xlabel("step")
plt.ylabel("learning rate")
plt.title("Keras schedules")
plt.legend()
plt.grid(alpha=0.3)
plt.show()
