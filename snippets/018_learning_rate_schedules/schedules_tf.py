# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

TOTAL, WARMUP, PEAK = 100, 10, 0.1  # steps, warmup steps, peak rate
START = 0.01  # the warmup starts at START * PEAK
SHOWN = (0, 5, 10, 29, 30, 50, 60, 90, 99)  # the steps printed
print(f"steps: {TOTAL}, warmup: {WARMUP}, peak rate: {PEAK}, start: {START}")

# %% Four schedules
schedules = {
    "constant": lambda step: tf.constant(PEAK),
    "step": tf.keras.optimizers.schedules.ExponentialDecay(
        PEAK, decay_steps=30, decay_rate=0.1, staircase=True),  # x0.1 / 30
    "cosine": tf.keras.optimizers.schedules.CosineDecay(
        PEAK, decay_steps=TOTAL),
    # linear from START * PEAK up to PEAK in WARMUP steps, then cosine to 0
    "warmup+cosine": tf.keras.optimizers.schedules.CosineDecay(
        START * PEAK, decay_steps=TOTAL - WARMUP, warmup_target=PEAK,
        warmup_steps=WARMUP),
}

# %% The rate each step uses
curves = {name: np.array([float(schedule(step)) for step in range(TOTAL)])
          for name, schedule in schedules.items()}
print("step" + "".join(f"{name:>15}" for name in curves))
for s in SHOWN:
    print(f"{s:<4}" + "".join(f"{lr[s]:15.6f}" for lr in curves.values()))

# %% Figure
fig, ax = plt.subplots()
for name, lr in curves.items():
    ax.plot(lr, label=name)
ax.set(xlabel="step", ylabel="learning rate",
       title="Four Keras learning-rate schedules over 100 steps")
ax.legend()
ax.grid(alpha=0.3)
plt.show()
