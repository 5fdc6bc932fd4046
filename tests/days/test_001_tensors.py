"""Day 1 claims: the twins agree on every value; the dtype, promotion, memory-sharing and broadcasting differences
the page names."""
from verified.testing import assert_parity, line, numbers, value

# Lines that differ by design, each asserted on its own below.
DIFFERENT = ("dtype", "x + grid", "tensor after", "tensor sees", "in tf.function")


def _values_only(text):
    return "\n".join(row for row in text.splitlines() if not any(d in row for d in DIFFERENT))


def test_basics_parity(run):
    tf, torch = run("001_tensors/basics_tf.py").stdout, run("001_tensors/basics_torch.py").stdout
    assert_parity(_values_only(tf), _values_only(torch), rtol=0, atol=0)
    assert line(tf, "row sums:") == "[6.0, 15.0]"
    assert line(tf, "after assign:") == "[[100.0, 2.0, 3.0], [4.0, 5.0, 6.0]]"


def test_default_integer_dtypes_differ(run):
    assert line(run("001_tensors/basics_tf.py").stdout, "ints:").endswith("dtype: int32")
    assert line(run("001_tensors/basics_torch.py").stdout, "ints:").endswith("dtype: int64")


def test_promotion_differs(run):
    tf = run("001_tensors/basics_tf.py").stdout
    assert line(tf, "x + grid:") == "error, dtypes differ (eager InvalidArgumentError)"
    # the same sum traced by tf.function (as inside fit) fails earlier, with a TypeError
    assert line(tf, "x + grid in tf.function:") == "error, TypeError at trace time"
    promoted = line(run("001_tensors/basics_torch.py").stdout, "x + grid:")
    assert promoted == "[[1.0, 3.0, 5.0], [7.0, 9.0, 11.0]] dtype: float32"


def test_python_floats_become_float32_in_both(run):
    for fw in ("tf", "torch"):
        assert line(run(f"001_tensors/basics_{fw}.py").stdout, "shape:") == "(2, 3) dtype: float32"


def test_numpy_float64_is_kept(run):
    for fw in ("tf", "torch"):
        out = run(f"001_tensors/basics_{fw}.py").stdout
        assert line(out, "from NumPy:") == "float64"
        # and the values come across unchanged (the first one is changed afterwards, below)
        assert numbers(line(out, "tensor after a[0] = 100:"))[1:] == [1.0, 2.0]


def test_from_numpy_shares_memory_convert_to_tensor_copies(run):
    """Pitfall: torch.from_numpy shares the array's memory, tf.convert_to_tensor copies it."""
    tf, torch = run("001_tensors/basics_tf.py").stdout, run("001_tensors/basics_torch.py").stdout
    for out in (tf, torch):
        assert numbers(line(out, "array after a[0] = 100:")) == [100.0, 1.0, 2.0]
    assert numbers(line(tf, "tensor after a[0] = 100:")) == [0.0, 1.0, 2.0]  # the copy kept the old value
    assert numbers(line(torch, "tensor after a[0] = 100:")) == [100.0, 1.0, 2.0]  # the shared memory changed
    assert line(tf, "tensor sees the change:") == "False"
    assert line(torch, "tensor sees the change:") == "True"


def test_broadcasting_parity_and_shapes(run):
    tf, torch = run("001_tensors/broadcasting_tf.py"), run("001_tensors/broadcasting_torch.py")
    assert_parity(_values_only(tf.stdout), _values_only(torch.stdout), rtol=0, atol=0)
    # traced, TensorFlow reports the shape mismatch as a ValueError, not InvalidArgumentError
    assert line(tf.stdout, "(2, 3) + (2,) in tf.function:") == "error, ValueError at trace time"
    assert line(tf.stdout, "shapes:") == "(3, 1) + (1, 4) -> (3, 4)"
    for out in (tf.stdout, torch.stdout):
        assert line(out, "(2, 3) + (2,):") == "error, trailing sizes 3 and 2 differ"
        # the silent bug: identical numbers, yet a (3, 3) result and a non-zero error
        assert line(out, "(y - pred) shape:") == "(3, 3)"
        assert value(out, "sum of squares:") == 12.0
    assert len(tf.figures) == len(torch.figures) == 1
