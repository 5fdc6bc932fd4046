# %% Choosing a device
import numpy as np
import torch
from torch import nn

SEED = 0
torch.manual_seed(SEED)
print(f"SEED: {SEED}")
gpus = torch.cuda.device_count()
device = torch.device("cuda:0" if gpus else "cpu")  # a GPU when there is one
print("GPUs visible:", gpus)
print("chosen device:", device)


def where(t):
    return str(t.device)


# %% Creating a tensor
x = torch.tensor(np.arange(6.0).reshape(2, 3), dtype=torch.float32)
print("x lives on:", where(x))  # PyTorch creates it on the CPU

# %% Moving data and a layer to the device
x_dev = x.to(device)  # a copy on that device (x itself if already there)
net = nn.Linear(3, 1).to(device)  # moves the module's parameters
nn.init.ones_(net.weight)
nn.init.zeros_(net.bias)
y = net(x_dev)  # inputs and parameters must be on one device
print("x_dev lives on:", where(x_dev))
print("parameters live on:", where(net.weight))
print("output lives on:", where(y))

# %% Back to the host
print("back in NumPy:", y.detach().cpu().numpy().ravel())  # host memory only
print("on the CPU, explicitly:", where(x_dev.cpu()))
