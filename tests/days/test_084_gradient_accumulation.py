"""Day 84 claims: accumulating k micro-batch gradients (each loss divided by k) gives the large-batch gradient and
the same weights after a few optimizer steps, within the page's tolerance, in both frameworks and on every seed;
dividing by k with an uneven last micro-batch is a real error that weighting by n/N removes; Keras's
gradient_accumulation_steps matches the manual loop and counts updates; PyTorch's .grad adds up across backward
calls while TensorFlow's tape does not; BatchNorm's micro-batch statistics differ from the large batch's and break
the equality, LayerNorm and GroupNorm keep it (on every seed)."""
import pytest

from verified.testing import assert_parity, line, numbers, value

TOL = 1e-6  # the parity tolerance stated on the page: a few float32 rounding units at gradient entries of order 1
REAL = 0.01  # a difference this large is not rounding
FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]
NORMS = ("BatchNorm", "LayerNorm", "GroupNorm")  # the page fills their numbers with printed-number markers


def _out(run, what, fw):
    return run(f"084_gradient_accumulation/{what}_{fw}.py").stdout


def _settings(out):
    return "\n".join(r for r in out.splitlines() if r.split(":")[0] in {"data seed", "n features", "hidden", "batch size", "accum steps",
                                             "micro batch", "learning rate", "momentum", "steps", "uneven batch", "halve every",
                                             "groups", "epsilon", "seeds"})


@pytest.mark.parametrize("what", ["accumulate", "builtin", "batchnorm"])
def test_same_settings(run, what):
    tf, torch = (_settings(_out(run, what, fw)) for fw in ("tf", "torch"))
    assert tf.count("\n") >= 8
    assert tf == torch  # the same settings, exactly (a parity rule would let 8 groups pass for 9)
    assert value(tf, "batch size:") == value(tf, "accum steps:") * value(tf, "micro batch:") == 64


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_accumulated_gradient_and_weights_match(run, fw):
    out = _out(run, "accumulate", fw)
    # entries of order 1, the scale the tolerance refers to ("a few float32 rounding units")
    assert 0.3 < value(out, "largest gradient entry:") < 3
    assert value(out, "gradients, max abs diff:") < TOL
    assert value(out, "weights moved by up to:") > 0.1  # the steps moved the weights
    twin = _out(run, "accumulate", "torch" if fw == "tf" else "tf")
    for label in ("largest gradient entry:", "weights moved by up to:"):  # same NumPy data and weights in both,
        assert value(out, label) == value(twin, label)  # so the page quotes one value for both
    for seed in (1, 2):  # the page quotes seeds 1 and 2's moves once, for both frameworks
        assert numbers(line(out, f"seed {seed}:"))[0] == numbers(line(twin, f"seed {seed}:"))[0]
    assert numbers(line(out, "weights after"))[-1] < TOL  # after the STEPS updates


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_weights_match_on_every_seed(run, fw):
    out = _out(run, "accumulate", fw)
    seeds = numbers(line(out, "seeds:"))
    assert seeds == [0, 1, 2]
    for seed in seeds:
        moved, steps, diff = numbers(line(out, f"seed {seed:g}:"))
        assert moved > 0.1 and steps == value(out, "steps:") and diff < TOL  # the steps moved them; same weights
    moved, _, diff = numbers(line(out, "seed 0:"))  # seed 0 is the draw of the cells above
    assert moved == value(out, "weights moved by up to:") and diff == numbers(line(out, "weights after"))[-1]


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_uneven_last_micro_batch(run, fw):
    out = _out(run, "accumulate", fw)
    assert numbers(line(out, "micro-batch sizes:")) == [16, 16, 16, 8]
    assert value(out, "divided by k, gradients, max abs diff:") > REAL  # a real error
    assert value(out, "weighted n/N, gradients, max abs diff:") < TOL  # fixed by the true share


def test_uneven_error_same_in_both(run):
    tf, torch = (value(_out(run, "accumulate", fw), "divided by k, gradients, max abs diff:")
                 for fw in ("tf", "torch"))
    assert tf == pytest.approx(torch, rel=0.05) and tf > 10 * REAL  # "in both frameworks", far beyond rounding


@pytest.mark.torch
def test_torch_grad_accumulates_until_cleared(run):
    out = _out(run, "builtin", "torch")
    first, second = value(out, "after backward call 1, .grad[0,0]:"), value(out, "after backward call 2, .grad[0,0]:")
    assert abs(first) > 0.01 and second == pytest.approx(2 * first, abs=2e-4)
    assert line(out, "after zero_grad, .grad is None:") == "True"


@pytest.mark.tf
def test_tf_tape_fresh_and_keras_accumulation_steps(run):
    out = _out(run, "builtin", "tf")
    first, second = (value(out, f"after tape.gradient call {c}, gradient[0,0]:") for c in (1, 2))
    assert abs(first) > 0.01 and first == second  # nothing accumulates between tape.gradient calls
    micro, updates, diff = numbers(line(out, "fit:"))
    steps, accum = value(out, "steps:"), value(out, "accum steps:")
    assert micro == steps * accum and updates == steps  # iterations counts updates, not micro-batches
    assert diff < TOL  # gradient_accumulation_steps in fit = the manual large-batch loop


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_batchnorm_statistics_differ_per_micro_batch(run, fw):
    out = _out(run, "batchnorm", fw)
    large = numbers(line(out, "large batch:"))
    micro = [numbers(line(out, f"micro-batch {i}:")) for i in range(1, 5)]
    # the large-batch mean is the mean of the equal micro-batches' means (to the printed rounding)
    assert large[0] == pytest.approx(sum(m[0] for m in micro) / 4, abs=2e-3)
    assert max(abs(m[0] - large[0]) for m in micro) > 0.2  # but each micro-batch's is off
    assert min(m[1] for m in micro) < large[1] < max(m[1] for m in micro)
    shift = value(out, "all units, largest shift of a micro-batch mean:")
    assert shift >= max(abs(m[0] - large[0]) for m in micro) - 2e-3  # over all units, at least unit 0's
    assert len(run(f"084_gradient_accumulation/batchnorm_{fw}.py").figures) == 1


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_batchnorm_breaks_the_equality(run, fw):
    out = _out(run, "batchnorm", fw)
    twin = _out(run, "batchnorm", "torch" if fw == "tf" else "tf")
    for norm in NORMS:
        size, diff = numbers(line(out, f"{norm}: largest gradient"))
        assert 0.1 < size < 3  # entries of order 1
        assert size == numbers(line(twin, f"{norm}: largest gradient"))[0]  # same data and weights in both
        if norm == "BatchNorm":
            assert diff > REAL and diff > 0.1 * size  # a different gradient, not rounding
        else:
            assert diff < TOL


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_batchnorm_breaks_the_equality_on_every_seed(run, fw):
    out = _out(run, "batchnorm", fw)
    assert numbers(line(out, "seeds:")) == [0, 1, 2]
    for norm in NORMS:
        diffs = numbers(line(out, f"{norm} on each seed, max abs diff:"))
        assert len(diffs) == 3 and diffs[0] == numbers(line(out, f"{norm}: largest gradient"))[1]
        if norm == "BatchNorm":
            assert min(diffs) > REAL  # on every draw, not rounding
        else:
            assert max(diffs) < TOL


def test_batchnorm_statistics_same_in_both(run):
    tf, torch = (_out(run, "batchnorm", fw) for fw in ("tf", "torch"))
    pick = lambda out: "\n".join(r for r in out.splitlines() if "mean" in r or r.startswith("BatchNorm"))
    assert_parity(pick(tf), pick(torch))  # same data and weights (the rounding-level diffs are left out)
    assert value(tf, "Keras default epsilon:") == 1e-3 and value(torch, "PyTorch default epsilon:") == 1e-5


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_schedule_counts_updates_or_micro_batches(run, fw):
    out = _out(run, "builtin", fw)
    steps, halve = value(out, "steps:"), value(out, "halve every:")
    lr, accum = value(out, "learning rate:"), value(out, "accum steps:")
    right = numbers(line(out, "schedule counting updates,"))[-1]
    wrong = numbers(line(out, "schedule counting micro-batches,"))[-1]
    assert right == pytest.approx(lr * 0.5 ** (steps // halve), abs=1e-6) == 0.025
    assert wrong == pytest.approx(lr * 0.5 ** (steps * accum // halve), abs=1e-6) == 0.003125
    if fw == "tf":  # what Keras's optimizer uses with gradient_accumulation_steps: the micro-batch count
        assert numbers(line(out, "Keras uses, after"))[-1] == wrong
