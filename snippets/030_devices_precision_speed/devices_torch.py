import numpy as np
import torch
from torch import nn

torch.manual_seed(0)
gpus = torch.cuda.device_count()
device = torch.device("cuda:0" if gpus else "cpu")  # use a GPU when there is one
print("GPUs visible:", gpus)
print("chosen device:", device)


def where(t):
    return str(t.device)


x = torch.tensor(np.arange(6.0).reshape(2, 3), dtype=torch.float32)  # PyTorch creates it on the CPU
print("x lives on:", where(x))
x_dev = x.to(device)  # a copy on that device (x itself when it is already there)
net = nn.Linear(3, 1).to(device)  # moves the module's parameters
nn.init.ones_(net.weight)
nn.init.zeros_(net.bias)
y = net(x_dev)  # inputs and parameters must be on one device
print("x_dev lives on:", where(x_dev))
print("parameters live on:", where(net.weight))
print("output lives on:", where(y))
print("back in NumPy:", y.detach().cpu().numpy().ravel())  # NumPy reads host memory only: .cpu() first
print("on the CPU, explicitly:", where(x_dev.cpu()))
