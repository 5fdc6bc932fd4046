# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import torch
from torch.optim import lr_scheduler

TOTAL, WARMUP, PEAK = 100, 10, 0.1  # steps, warmup steps, peak rate
START = 0.01  # the warmup starts at START * PEAK
SHOWN = (0, 5, 10, 29, 30, 50, 60, 90, 99)  # the steps printed
print(f"steps: {TOTAL}, warmup: {WARMUP}, peak rate: {PEAK}, start: {START}")

# %% Four schedules
def make(name, opt):  # opt starts at lr=PEAK; the scheduler changes it
    if name == "constant":
        return lr_scheduler.LambdaLR(opt, lambda step: 1)
    if name == "step":  # multiply by 0.1 every 30 steps
        return lr_scheduler.StepLR(opt, step_size=30, gamma=0.1)
    if name == "cosine":
        return lr_scheduler.CosineAnnealingLR(opt, T_max=TOTAL)
    # linear from START * PEAK up to PEAK in WARMUP steps, then cosine to 0
    warmup = lr_scheduler.LinearLR(opt, start_factor=START, total_iters=WARMUP)
    cosine = lr_scheduler.CosineAnnealingLR(opt, T_max=TOTAL - WARMUP)
    return lr_scheduler.SequentialLR(opt, [warmup, cosine], [WARMUP])

# %% The rate each step uses
curves = {}
for name in ("constant", "step", "cosine", "warmup+cosine"):
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=PEAK)
    scheduler, lr = make(name, opt), []
    for step in range(TOTAL):
        lr.append(scheduler.get_last_lr()[0])  # the rate this step uses
        opt.step()
        scheduler.step()
    curves[name] = np.array(lr)
print("step" + "".join(f"{name:>15}" for name in curves))
for s in SHOWN:
    print(f"{s:<4}" + "".join(f"{lr[s]:15.6f}" for lr in curves.values()))

# %% Figure
fig, ax = plt.subplots()
for name, lr in curves.items():
    ax.plot(lr, label=name)
ax.set(xlabel="step", ylabel="learning rate",
       title="Four PyTorch learning-rate schedules over 100 steps")
ax.legend()
ax.grid(alpha=0.3)
plt.show()
