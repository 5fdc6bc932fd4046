# %% Settings
import torch
from torch import nn

D_IN, D_OUT, RANK, ALPHA = 64, 32, 4, 8  # LoRA scale ALPHA / RANK
SEED, STEPS, LEARNING_RATE, N = 0, 50, 0.01, 256
for name in [k for k in list(globals()) if k.isupper()]:  # the settings
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
torch.manual_seed(SEED)
# %% A LoRA layer: the frozen dense layer plus a low-rank update
class LoRALinear(nn.Module):  # y = x W0^T + b + (ALPHA / RANK) x A^T B^T
    def __init__(self, base):
        super().__init__()
        self.base = base.requires_grad_(False)  # W0 and b stay frozen
        self.A = nn.Parameter(torch.randn(RANK, base.in_features)
                              * base.in_features ** -0.5)  # not on r
        self.B = nn.Parameter(torch.zeros(base.out_features, RANK))  # zero
    def forward(self, x):
        return self.base(x) + (ALPHA / RANK) * (x @ self.A.T) @ self.B.T
base = nn.Linear(D_IN, D_OUT)  # stands for one pretrained layer
lora = LoRALinear(base)
x = torch.randn(N, D_IN)
start = (lora(x) - base(x)).abs().max().item()
print(f"max |adapted - base| at the start: {start:.1e}")
# %% Trainable parameters: LoRA against full fine-tuning
trainable = sum(p.numel() for p in lora.parameters() if p.requires_grad)
full = sum(p.numel() for p in base.parameters())
print(f"trainable with LoRA: {trainable} = r * (d_in + d_out) = "
      f"{RANK * (D_IN + D_OUT)}")
print(f"full fine-tuning: {full} = d_in * d_out + d_out = "
      f"{D_IN * D_OUT + D_OUT}")
print(f"fraction: {trainable / full:.4f}")
# %% A few training steps on a random target: only A and B move
w0_before = base.weight.detach().clone()
target = torch.randn(N, D_OUT)
adam = torch.optim.Adam([lora.A, lora.B], LEARNING_RATE)
for step in range(STEPS):
    adam.zero_grad()
    ((lora(x) - target) ** 2).mean().backward()
    adam.step()
moved = (base.weight - w0_before).abs().max().item()
print(f"max |W0 after - W0 before|: {moved:.1e}")
print(f"max |B| after training: {lora.B.abs().max().item():.3f}")
# %% Merging: W0 plus the scaled update, one dense layer again
merged = nn.Linear(D_IN, D_OUT)  # W = W0 + (ALPHA / RANK) B A
with torch.no_grad():
    merged.weight.copy_(base.weight + (ALPHA / RANK) * lora.B @ lora.A)
    merged.bias.copy_(base.bias)
    gap = (merged(x) - lora(x)).abs().max().item()
print(f"max |merged - adapter|: {gap:.1e} (tolerance 1e-5)")
