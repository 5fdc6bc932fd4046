"""Day 71 claims: the sinusoidal encoding (Vaswani et al. 2017) as printed, recomputed here in NumPy: position 0
is (0, 1, 0, 1, ...), entries in [-1, 1], wavelengths 2 pi to 2 pi 10000^(30/32); an offset of 3 is one rotation
for every position; dot products depend only on the offset. Self-attention for all positions in one matrix product
equals a loop over query positions (and the loop run backwards), every weight is positive, and the printed weights
match a NumPy recomputation from the same seeded draws; attention is trained by ordinary backpropagation (the loss
and the distance to the teacher's attention weights fall, the gradients reach W_q and W_k). Without positions
self-attention is permutation-equivariant over all 720 orders (hand-written and both built-in layers) and a mean
over positions is order-invariant; with the encoding added every other order changes the output."""
import numpy as np
import pytest

from verified.testing import assert_parity, line, numbers, value

DAY = "071_self_attention_positional_encoding"
FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]
TOLERANCE = 1e-5  # max abs difference allowed in float32, stated on the page


def outputs(run, name):
    return [run(f"{DAY}/{name}_{fw}.py").stdout for fw in ("tf", "torch")]


def drop(out, *prefixes):  # the output without the lines that legitimately differ between the twins
    return "\n".join(r for r in out.splitlines() if not r.startswith(prefixes))


def reference_encoding(max_len, d, base=10000.0):
    omega = base ** (-np.arange(0, d, 2) / d)
    angle = np.arange(max_len)[:, None] * omega
    return np.stack([np.sin(angle), np.cos(angle)], -1).reshape(max_len, d), omega


# the encoding


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_encoding_values(run, fw):
    result = run(f"{DAY}/encoding_{fw}.py")
    out = result.stdout
    length, d, offset = int(value(out, "max len:")), int(value(out, "d model:")), int(value(out, "offset:"))
    assert (length, d, offset, value(out, "base:")) == (64, 32, 3, 10000.0)
    assert line(out, "keras.layers named *position*:" if fw == "tf" else "torch.nn named *position*:") == "[]"
    assert numbers(line(out, "encoding shape:")) == [length, d]
    pe, omega = reference_encoding(length, d)
    assert numbers(line(out, "position 0, dims 0-7:")) == [0, 1] * 4
    assert numbers(line(out, "position 1, dims 0-7:")) == pytest.approx(pe[1, :8], abs=6e-4)
    assert numbers(line(out, "smallest, largest value:")) == [-1.0, 1.0]
    wave = 2 * np.pi / omega
    shortest, longest = numbers(line(out, "wavelengths:"))
    assert shortest == pytest.approx(wave[0], abs=0.005) and longest == pytest.approx(wave[-1], abs=0.5)
    assert value(out, f"max |PE[pos+{offset}] - PE[pos] @ M_{offset}|, all pos:") < TOLERANCE
    # the dot products depend only on the offset: the rows from positions 10 and 40 are the same
    rows = [numbers(line(out, f"PE[{p}] . PE[{p}+j], j=0..6:")) for p in (10, 40)]
    expected = [np.cos(omega * j).sum() for j in range(7)]
    assert rows[0] == rows[1] == pytest.approx(expected, abs=0.006)
    assert rows[0][0] == d / 2 and min(rows[0]) == rows[0][4] < rows[0][5] < rows[0][6]  # falls, then rises a little
    assert len(result.figures) == 1


def test_encoding_twins_agree(run):
    tf, torch = outputs(run, "encoding")
    assert_parity(drop(tf, "keras.layers"), drop(torch, "torch.nn"))


# one matrix product, a loop over queries, and training


def _weights(out):
    start = out.splitlines().index("attention weights (row: query, column: key):")
    return np.array([numbers(r) for r in out.splitlines()[start + 1:start + 7]])


def _reference_attention(seed=0, n=6, d=8):  # the snippet's NumPy draws, in the same order
    rng = np.random.default_rng(seed)
    x = rng.normal(0, 1.0, (n, d))
    w_q, w_k, _ = (rng.normal(0, d ** -0.5, (d, d)) for _ in range(3))
    s = (x @ w_q) @ (x @ w_k).T / np.sqrt(d)
    e = np.exp(s - s.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_one_product_equals_a_loop(run, fw):
    result = run(f"{DAY}/parallel_{fw}.py")
    out = result.stdout
    assert value(out, "tolerance:") == TOLERANCE
    assert numbers(line(out, "scores and weights:")) == [6, 6, 6, 8]  # (6, 6) weights, (6, 8) output
    weights = _weights(out)
    assert weights.shape == (6, 6)
    assert weights == pytest.approx(_reference_attention(), abs=0.006)
    smallest, *sums = numbers(line(out, "smallest weight:"))
    assert smallest > 0 and smallest == pytest.approx(_reference_attention().min(), abs=6e-4)
    assert sums == [1.0] * 6
    assert value(out, "max |one product - loop|:") < TOLERANCE
    assert value(out, "max |loop - loop in reverse order|:") == 0.0
    assert len(result.figures) == 1


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_attention_trained_by_backpropagation(run, fw):
    out = run(f"{DAY}/parallel_{fw}.py").stdout
    assert value(out, "steps:") == 200 and value(out, "learning rate:") == 0.5
    first = numbers(line(out, "step 0:"))
    last = numbers(line(out, "step 200:"))
    assert first[0] == pytest.approx(0.868, abs=0.001) and last[0] < 0.005  # 0.86833 -> 0.00386
    grad_q, grad_k = first[1:3]
    assert grad_q > 0.1 and grad_k > 0.1  # W_q and W_k, reached only through the softmax
    start = value(out, "mean |attention weights - teacher's|, start:")
    trained = value(out, "mean |attention weights - teacher's|, trained:")
    assert trained < start / 5


def test_parallel_twins_agree(run):
    tf, torch = outputs(run, "parallel")
    assert_parity(drop(tf, "max |one product"), drop(torch, "max |one product"))


# permutations


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_equivariant_without_positions_not_with(run, fw):
    out = run(f"{DAY}/permutation_{fw}.py").stdout
    assert value(out, "orders tried:") == 720
    assert value(out, "no positions, max |f(x[p]) - f(x)[p]|:") < TOLERANCE
    assert line(out, "no positions, max |f(x[p]) - f(x)[p]|:").endswith("within tolerance: True")
    assert value(out, "no positions, max change of the mean over positions:") < TOLERANCE
    low, high = numbers(line(out, "with positions, max |f(x[p]+PE) - f(x+PE)[p]|, other orders:"))
    assert 0.1 < low < high
    low, high = numbers(line(out, "with positions, max change of the mean over positions:"))
    assert 0.01 < low < high
    name = "MultiHeadAttention" if fw == "tf" else "MultiheadAttention"
    assert value(out, f"{name}, no positions:") < TOLERANCE
    assert line(out, f"{name}, no positions:").endswith("within tolerance: True")
    assert value(out, f"{name}, with positions, other orders: from") > 0.01


def test_permutation_twins_agree(run):
    tf, torch = outputs(run, "permutation")
    # the "no positions" lines are float32 rounding (below TOLERANCE in each framework, asserted above); their last
    # digits differ between the twins and between CPUs, so only the lines with positions must match
    assert_parity(drop(tf, "MultiHeadAttention", "no positions"), drop(torch, "MultiheadAttention", "no positions"))
