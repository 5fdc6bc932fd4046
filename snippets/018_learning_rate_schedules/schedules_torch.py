import matplotlib.pyplot as plt
import numpy as np
import torch
from torch.optim import lr_scheduler

TOTAL, WARMUP, PEAK = 100, 10, 0.1


def make(name, opt):
    if name == "constant":
        return lr_scheduler.LambdaLR(opt, lambda step: 1.0)
    if name == "step":  # multiply by 0.1 every 30 steps
        return lr_scheduler.StepLR(opt, step_size=30, gamma=0.1)
    if name == "cosine":
        return lr_scheduler.CosineAnnealingLR(opt, T_max=TOTAL)
    # linear from PEAK / 100 up to PEAK over WARMUP steps, then cosine down to 0
    warmup = lr_scheduler.LinearLR(opt, start_factor=0.01, total_iters=WARMUP)
    cosine = lr_scheduler.CosineAnnealingLR(opt, T_max=TOTAL - WARMUP)
    return lr_scheduler.SequentialLR(opt, [warmup, cosine], milestones=[WARMUP])


curves = {}
for name in ["constant", "step", "cosine", "warmup+cosine"]:
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=PEAK)
    scheduler, lr = make(name, opt), []
    for step in range(TOTAL):
        lr.append(scheduler.get_last_lr()[0])  # the rate this step's update uses
        opt.step()
        scheduler.step()
    curves[name] = np.array(lr)

shown = [0, 5, 10, 29, 30, 50, 60, 90, 99]
print("steps:", shown)
for name, lr in curves.items():
    print(f"{name} lr:", " ".join(f"{lr[s]:.6f}" for s in shown))

for name, lr in curves.items():
    plt.plot(lr, label=name)
plt.xlabel("step")
plt.ylabel("learning rate")
plt.title("torch.optim.lr_scheduler")
plt.legend()
plt.grid(alpha=0.3)
plt.show()
