"""Day 5 claims: batching shapes and counts, drop_remainder/drop_last, shuffling as a permutation per epoch,
tf.data's shuffle buffer, and a batch of real MNIST digits in each framework's layout."""
import ast
import re

import pytest

from verified.testing import assert_parity, line, value

FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]
DROP = {"tf": "drop_remainder", "torch": "drop_last"}


def _list(text, label):
    return ast.literal_eval(line(text, label))


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_batching_shapes_and_counts(run, fw):
    out = run(f"005_datasets_and_loaders/batching_{fw}.py").stdout
    assert line(out, "items:") == "10 batch size: 4 seed: 0"
    assert line(out, "one item:") == "[0.0, 1.0] 0"
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


MOVES = re.compile(r"^(\d+) items, seed (\d): largest move earlier (\d+), later (\d+)$", re.M)


def _moves(text):
    """{(items, seed): (largest move earlier, largest move later)}"""
    return {(int(n), int(s)): (int(e), int(l)) for n, s, e, l in MOVES.findall(text)}


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_batching_before_shuffling_keeps_batches_together(run, fw):
    """Pitfall: batch, then shuffle moves whole batches; the same items stay together every epoch."""
    out = run(f"005_datasets_and_loaders/batching_{fw}.py").stdout
    orders = [_list(out, f"batch, then shuffle, epoch {epoch}:") for epoch in (1, 2)]
    for batches in orders:
        assert sorted(map(tuple, batches)) == [(0, 1, 2, 3), (4, 5, 6, 7), (8, 9)]
    assert orders[0] != orders[1]  # the batches did move


def test_tf_shuffle_buffer_bound_is_one_sided(run):
    """A buffer of k = 3: an item moves at most k - 1 = 2 places earlier, but can be delayed without bound."""
    out = run("005_datasets_and_loaders/batching_tf.py").stdout
    order = _list(out, "order with a buffer of 3:")
    assert sorted(order) == list(range(10))
    # with 3 slots, the item at position i was among the first i + 3 items read
    assert all(item <= i + 2 for i, item in enumerate(order))
    moves = _moves(out)
    assert sorted(moves) == [(n, s) for n in (10, 1000) for s in range(3)]  # three seeds, two stream lengths
    assert all(earlier == 2 for earlier, _ in moves.values())  # the bound k - 1, reached every time
    later_short = max(later for (n, _), (_, later) in moves.items() if n == 10)
    later_long = min(later for (n, _), (_, later) in moves.items() if n == 1000)
    assert later_short > 2  # already later than the earlier bound on ten items ...
    assert later_long > 10 and later_long > later_short  # ... and the delay grows with the stream
    assert moves[(10, 2)][1] == 6 and moves[(1000, 2)][1] == 19  # the numbers the page quotes


@pytest.mark.torch
def test_torch_sampler_moves_items_anywhere(run):
    moves = _moves(run("005_datasets_and_loaders/batching_torch.py").stdout)
    assert sorted(moves) == [(n, s) for n in (10, 1000) for s in range(3)]
    long = [m for (n, _), pair in moves.items() if n == 1000 for m in pair]
    assert min(long) > 900  # far, both ways
    assert (min(long), max(long)) == (928, 992)  # the range the page quotes


@pytest.mark.torch
def test_torch_sampler_is_a_full_permutation(run):
    out = run("005_datasets_and_loaders/batching_torch.py").stdout
    order = _list(out, "order from the sampler:")
    assert sorted(order) == list(range(10)) and order != list(range(10))
    # the loader seeded with 0 prints another order: it first draws a base seed for its workers from the
    # generator, so its permutation is the generator's second draw, which the snippet reproduces
    loader_epoch_1 = [item for batch in _list(out, "epoch 1 batches:") for item in batch]
    assert loader_epoch_1 != order
    assert _list(out, "sampler's order after one seed draw:") == loader_epoch_1


LAYOUT = {"tf": ("image batch shape (N, H, W, C):", "(64, 28, 28, 1) float32"),
          "torch": ("image batch shape (N, C, H, W):", "(64, 1, 28, 28) float32")}


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_mnist_batches(run, fw):
    result = run(f"005_datasets_and_loaders/images_{fw}.py")
    out = result.stdout
    assert line(out, "raw data:") == "(5000, 784) float64 labels: (5000,)"
    # 5000 = 78 * 64 + 8: 79 batches, the last one holding 8 images
    assert value(out, "batches per epoch:") == 79
    assert line(out, "full batches:") == "78 last batch size: 8"
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
        orders = [[item for batch in _list(out, f"epoch {epoch} batches:") for item in batch] for out in (tf, torch)]
        assert all(sorted(order) == list(range(10)) for order in orders)  # both permutations of the ten items
        assert orders[0] != orders[1]  # but different ones


def test_twins_agree_on_everything_but_the_orders(run):
    shared = ("items:", "one item:", "batch shapes", "raw data:", "batch size:", "classes in the first batch, un",
              "batches per epoch:", "full batches:", "label batch shape:", "pixel range:")
    for name in ("batching", "images"):
        tf, torch = (run(f"005_datasets_and_loaders/{name}_{fw}.py").stdout for fw in ("tf", "torch"))
        tf, torch = ("\n".join(row for row in out.splitlines() if row.startswith(shared)) for out in (tf, torch))
        assert_parity(tf, torch, rtol=0, atol=0)
