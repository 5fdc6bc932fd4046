"""Day 7 claims: the concise model matches day 6's bar; naive softmax/cross-entropy overflow while the fused
built-in loss stays finite and equals the stable log-sum-exp computed by hand."""
import math
import re

import pytest

from verified.testing import line, numbers, value

BAR = 0.85  # the same bar as day 6
FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]


def _out(run, what, fw):
    return run(f"007_softmax_regression_concise/{what}_{fw}.py")


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_concise_model_clears_the_bar(run, fw):
    out = _out(run, "train", fw).stdout
    assert value(out, "parameters:") == 784 * 10 + 10
    assert value(out, "test accuracy:") > BAR
    epochs = [float(m) for m in re.findall(r"^epoch \d+: mean minibatch loss ([\d.]+)$", out, flags=re.M)]
    assert len(epochs) == 10
    assert 0.95 < epochs[0] < 1.15  # an average over the first epoch, not day 6's end-of-epoch loss
    assert all(later < earlier for earlier, later in zip(epochs, epochs[1:]))
    assert line(out, "predictions:") == line(out, "labels:")  # all five shown predictions are right


def test_frameworks_reach_similar_accuracy(run):
    tf, torch = (value(_out(run, "train", fw).stdout, "test accuracy:") for fw in ("tf", "torch"))
    assert abs(tf - torch) < 0.02  # different initialisation and shuffling, same model
    assert min(tf, torch) > 0.875  # the page quotes 0.883 and 0.891


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_naive_overflows_fused_does_not(run, fw):
    out = _out(run, "overflow", fw).stdout
    assert line(out, "float32 max:").endswith("exp(89) in float32: inf")
    assert all(math.isnan(v) for v in numbers(line(out, "naive softmax:"))[:3])  # the (1000, 999, 998) row
    exact = [math.exp(-k) / (1 + math.exp(-1) + math.exp(-2)) for k in range(3)]
    probs = numbers(line(out, "shifted softmax:"))
    assert probs[:3] == pytest.approx(exact, abs=1e-4) and probs[5] == 0.0  # e^(-200) rounds to 0
    naive, shifted = numbers(line(out, "naive loss:")), numbers(line(out, "shifted loss:"))
    assert not any(math.isfinite(v) for v in naive)
    assert math.isfinite(shifted[0]) and math.isinf(shifted[1])  # shifting fixes overflow, not log(0)
    stable, fused = numbers(line(out, "stable by hand:")), numbers(line(out, "fused built-in:"))
    assert all(math.isfinite(v) for v in fused)
    assert fused == pytest.approx(stable, abs=1e-4)
    assert fused == pytest.approx([math.log(1 + math.exp(-1) + math.exp(-2)), 200.0], abs=1e-3)


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_only_fused_survives_the_sweep(run, fw):
    result = _out(run, "overflow", fw)
    assert value(result.stdout, "naive loss finite up to s =") < 89  # e^s overflows just past 88.7
    assert value(result.stdout, "shifted loss finite up to s =") < 104  # e^(-s) rounds to 0
    assert value(result.stdout, "fused loss finite up to s =") == 150.0
    assert len(result.figures) == 1


def test_overflow_table_parity(run):
    def table(text):  # the sweep's end points differ by design (TensorFlow flushes subnormals to zero)
        return "\n".join(row for row in text.splitlines() if "finite up to" not in row)

    tf, torch = (_out(run, "overflow", fw).stdout for fw in ("tf", "torch"))
    a, b = numbers(table(tf)), numbers(table(torch))
    assert len(a) == len(b)
    # nan and inf must sit in the same places; finite numbers agree within rtol=1e-6
    assert [(math.isnan(x), math.isinf(x)) for x in a] == [(math.isnan(x), math.isinf(x)) for x in b]
    finite = [(x, y) for x, y in zip(a, b) if math.isfinite(x)]
    assert [x for x, _ in finite] == pytest.approx([y for _, y in finite], rel=1e-6, abs=0)
    assert value(tf, "naive loss finite up to s =") == 87.0
    assert value(torch, "shifted loss finite up to s =") == 103.5
    # the other two end points the page quotes: PyTorch's naive loss stops at 88.5 (e^89 overflows),
    # TensorFlow's shifted one at 87.0, like its naive one (subnormals flushed to zero)
    assert value(torch, "naive loss finite up to s =") == 88.5
    assert value(tf, "shifted loss finite up to s =") == 87.0
