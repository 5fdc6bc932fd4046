"""Day 5 claims: batching shapes and counts, drop_remainder/drop_last, shuffling as a permutation per epoch,
tf.data's shuffle buffer, and a batch of real MNIST digits in each framework's layout."""
import ast

import pytest

from verified.testing import line, value

FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]
DROP = {"tf": "drop_remainder", "torch": "drop_last"}


def _list(text, label):
    return ast.literal_eval(line(text, label))


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_batching_shapes_and_counts(run, fw):
    out = run(f"005_datasets_and_loaders/batching_{fw}.py").stdout
    assert line(out, "items:") == "10 one item: [0.0, 1.0] 0"
    # 10 items in batches of 4: two full batches and a last partial one of 2 ...
    assert _list(out, "batch shapes:") == [(4, 2), (4, 2), (2, 2)]
    # ... which drop_remainder / drop_last throws away
    assert _list(out, f"batch shapes, {DROP[fw]}:") == [(4, 2), (4, 2)]


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_shuffling_is_a_fresh_permutation_every_epoch(run, fw):
    out = run(f"005_datasets_and_loaders/batching_{fw}.py").stdout
    orders = []
    for epoch in (1, 2, 3):
        batches = _list(out, f"epoch {epoch} batches:")
        assert [len(b) for b in batches] == [4, 4, 2]
        order = [item for batch in batches for item in batch]
        assert sorted(order) == list(range(10))  # every item exactly once
        assert order != list(range(10))  # and actually shuffled
        orders.append(order)
    assert len({tuple(o) for o in orders}) == 3  # a different order in each epoch


def test_tf_shuffle_buffer_is_local(run):
    order = _list(run("005_datasets_and_loaders/batching_tf.py").stdout, "order with a buffer of 3:")
    assert sorted(order) == list(range(10))
    # with 3 slots, the item at position i was among the first i + 3 items read
    assert all(item <= i + 2 for i, item in enumerate(order))


@pytest.mark.torch
def test_torch_sampler_is_a_full_permutation(run):
    order = _list(run("005_datasets_and_loaders/batching_torch.py").stdout, "order from the sampler:")
    assert sorted(order) == list(range(10)) and order != list(range(10))


LAYOUT = {"tf": ("image batch shape (N, H, W, C):", "(64, 28, 28, 1) float32"),
          "torch": ("image batch shape (N, C, H, W):", "(64, 1, 28, 28) float32")}


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_mnist_batches(run, fw):
    result = run(f"005_datasets_and_loaders/images_{fw}.py")
    out = result.stdout
    assert line(out, "raw data:") == "(5000, 784) float64 labels: (5000,)"
    # 5000 = 78 * 64 + 8: 79 batches, the last one holding 8 images
    assert value(out, "batches per epoch:") == 79
    assert value(out, "batches per epoch: 79 last batch size:") == 8
    label, expected = LAYOUT[fw]
    assert line(out, label) == expected
    assert line(out, "label batch shape:") == "(64,) int64"
    assert line(out, "pixel range:") == "0.0 to 1.0"
    # the sample is sorted by class: unshuffled, the first batch is all zeros; shuffled, it mixes every class
    assert _list(out, "classes in the first batch, unshuffled:") == [0]
    assert _list(out, "classes in the first batch, shuffled:") == list(range(10))
    assert len(result.figures) == 1  # the grid of sample digits


@pytest.mark.tf
def test_tf_buffer_order_is_the_one_quoted(run):
    # the page quotes this order as its example of a local shuffle
    order = _list(run("005_datasets_and_loaders/batching_tf.py").stdout, "order with a buffer of 3:")
    assert order == [1, 3, 0, 4, 2, 7, 5, 9, 8, 6]


def test_frameworks_shuffle_differently(run):
    # different random generators: the same seed gives different permutations in each epoch
    tf = run("005_datasets_and_loaders/batching_tf.py").stdout
    torch = run("005_datasets_and_loaders/batching_torch.py").stdout
    for epoch in (1, 2, 3):
        assert _list(tf, f"epoch {epoch} batches:") != _list(torch, f"epoch {epoch} batches:")
