"""Day 12 claims: binary and categorical cross-entropy, by hand and built in, from probabilities and
from logits, all equal a NumPy reference and each other across frameworks; with large logits only the
from-logits forms stay exact and keep a useful gradient; where the zero gradient of the probability forms
comes from (Keras eager: the clip; PyTorch: the sigmoid's derivative underflowing, behind a 1e12 gradient
with respect to p); and Keras recovering the logits only when the sigmoid or softmax output reaches the
loss directly (one reshape in between, in a tf.function or as a layer, and it clips again)."""
import math

import numpy as np
import pytest

from verified.testing import assert_parity, line, numbers, value

FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]
BINARY = ("by hand from probabilities", "by hand from logits", "built in from probabilities", "built in from logits")
CATEGORICAL = BINARY + ("built in from logits, integer labels",)


def test_binary_parity(run):
    tf = run("012_classification_losses/binary_tf.py").stdout
    torch = run("012_classification_losses/binary_torch.py").stdout
    assert_parity(tf, torch)


def test_categorical_parity(run):
    tf = run("012_classification_losses/categorical_tf.py").stdout
    torch = run("012_classification_losses/categorical_torch.py").stdout
    assert_parity(tf, torch)


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_binary_matches_reference(run, fw):
    out = run(f"012_classification_losses/binary_{fw}.py").stdout
    z, y = np.array(numbers(line(out, "logits:"))), np.array(numbers(line(out, "labels:")))
    assert set(y) == {0.0, 1.0}
    loss = np.mean(np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z))))  # = -mean(y log p + (1-y) log(1-p))
    for name in BINARY:
        assert value(out, f"{name}:") == pytest.approx(loss, abs=2e-6), name
    grad = (1 / (1 + np.exp(-z)) - y) / len(z)
    rows = out.splitlines()
    i = next(k for k, r in enumerate(rows) if r.startswith("dloss/dlogits:"))
    printed = numbers(rows[i]) + numbers(rows[i + 1])  # printed as two rows of four
    assert printed == pytest.approx(grad, abs=2e-6)


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_categorical_matches_reference(run, fw):
    out = run(f"012_classification_losses/categorical_{fw}.py").stdout
    rows = [numbers(line(out, f"sample {i}:").split("label")[1]) for i in range(6)]
    labels = np.array([int(r[0]) for r in rows])
    z = np.array([r[1:] for r in rows])
    assert z.shape == (6, 4)
    lse = np.log(np.exp(z).sum(axis=1))
    loss = np.mean(lse - z[np.arange(6), labels])
    for name in CATEGORICAL:
        assert value(out, f"{name}:") == pytest.approx(loss, abs=2e-6), name
    softmax = np.exp(z - lse[:, None])
    grad0 = (softmax[0] - np.eye(4)[labels[0]]) / 6
    printed = numbers(line(out, "dloss/dlogits, sample 0:"))
    assert printed == pytest.approx(grad0, abs=2e-6)
    assert abs(sum(printed)) < 5e-6  # each row of (softmax - onehot) / n sums to zero


def _loss_and_grad(out, label):
    found = numbers(line(out, label))
    return found[0], found[1:]


def test_stability_from_logits_exact_and_in_parity(run):
    tf = run("012_classification_losses/stability_tf.py").stdout
    torch = run("012_classification_losses/stability_torch.py").stdout
    for out in (tf, torch):
        assert value(out, "sigmoid(50) in float32:") == 1.0  # the probability has rounded to exactly 1
        assert value(out, "its derivative p(1 - p) in float32:") == 0.0  # so has sigma'(50) = e^-50
        assert value(out, "1 - float32(1 - 1e-7):") == pytest.approx(1.19e-7, rel=1e-3)
        assert _loss_and_grad(out, "binary, built in from logits:") == (50.0, [1.0])
        assert _loss_and_grad(out, "categorical, built in from logits:") == (1000.0, [1.0, -1.0, 0.0])
        # the naive by-hand forms break: log(0) and exp overflow
        loss, grad = _loss_and_grad(out, "binary, by hand from probs:")
        assert loss == math.inf and math.isnan(grad[0])
        loss, grad = _loss_and_grad(out, "categorical, by hand, naive softmax:")
        assert math.isnan(loss) and all(math.isnan(g) for g in grad)
    for label in ("binary, built in from logits:", "categorical, built in from logits:", "sigmoid(50) in float32:",
                  "binary logit:", "categorical logits:"):
        assert_parity(line(tf, label), line(torch, label), rtol=0, atol=0)


@pytest.mark.tf
def test_stability_keras_eager_from_probabilities_clips(run):
    out = run("012_classification_losses/stability_tf.py").stdout
    # eagerly, on probabilities from tf.math.sigmoid, Keras clips to [1e-7, 1 - 1e-7]: a finite, wrong loss,
    # and the zero gradient comes from the clip (dloss/dp is already 0)
    loss, grad = _loss_and_grad(out, "binary, built in from probs:")
    assert loss == pytest.approx(-math.log(1 - np.float32(1 - 1e-7)), abs=1e-3) and grad == [0.0]
    assert value(out, "dloss/dp:") == 0.0
    loss, grad = _loss_and_grad(out, "categorical, built in from probs:")
    assert loss == pytest.approx(-math.log(1e-7), abs=1e-3) and grad == [0.0, 0.0, 0.0]


@pytest.mark.tf
def test_keras_recovers_logits_only_from_the_activations_own_output(run):
    out = run("012_classification_losses/stability_tf.py").stdout
    # the activation's output passed to the loss directly (a Keras activation eagerly, a sigmoid/softmax op inside
    # tf.function, a model ending in the activation in fit and evaluate): Keras takes the logits back from the op
    # and returns the exact loss and gradient
    assert _loss_and_grad(out, "binary, Keras sigmoid, eager:") == (50.0, [1.0])
    assert _loss_and_grad(out, "binary, tf.math.sigmoid in tf.function:") == (50.0, [1.0])
    assert value(out, "binary, model ending in sigmoid, fit: loss") == 50.0
    assert value(out, "binary, model ending in sigmoid, evaluate: loss") == 50.0
    assert _loss_and_grad(out, "categorical, softmax in tf.function:") == (1000.0, [1.0, -1.0, 0.0])
    # one op after the activation, inside the same tf.function or as a Reshape layer: the logits are lost and the
    # probabilities are clipped again (-log of 1 - float32(1 - 1e-7)), with a zero gradient
    clipped = -math.log(1 - np.float32(1 - 1e-7))
    assert _loss_and_grad(out, "binary, sigmoid then reshape in tf.function:") == (pytest.approx(clipped, abs=1e-3), [0.0])
    assert value(out, "binary, sigmoid then Reshape layer, evaluate: loss") == pytest.approx(clipped, abs=1e-3)


@pytest.mark.torch
def test_stability_torch_from_probabilities_breaks(run):
    out = run("012_classification_losses/stability_torch.py").stdout
    # binary_cross_entropy clamps log at -100: loss 100 instead of 50. Its gradient with respect to p is
    # 1 / max(p (1 - p), 1e-12) = 1e12, not zero: the zero comes from sigma'(50), which is 0 in float32
    assert _loss_and_grad(out, "binary, built in from probs:") == (100.0, [0.0])
    assert value(out, "dloss/dp:") == 1e12
    assert _loss_and_grad(out, "binary, nn.Sigmoid then nn.BCELoss:") == (100.0, [0.0])  # no recovery in a model
    # NLL of log(softmax) meets log(0): an infinite loss and NaN gradients, inside a model too
    for label in ("categorical, built in from probs:", "categorical, nn.Softmax then NLL of log:"):
        loss, grad = _loss_and_grad(out, label)
        assert loss == math.inf and all(math.isnan(g) for g in grad), label


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_naive_softmax_is_nan_where_exp_overflows(run, fw):
    out = run(f"012_classification_losses/stability_{fw}.py").stdout
    naive_and_stable = numbers(line(out, "naive softmax:"))
    # naive: inf / inf = nan for the class with logit 1000; stable: (1, 0, 0)
    assert math.isnan(naive_and_stable[0]) and naive_and_stable[1:] == [0.0, 0.0, 1.0, 0.0, 0.0]
