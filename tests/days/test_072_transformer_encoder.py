"""Day 72 claims: an encoder block from the frameworks' parts (multi-head self-attention, residuals, layer
normalisation, position-wise feed-forward) equals a NumPy block with the same weights, post-norm and pre-norm
(< 1e-5 in float32), and in PyTorch so does nn.TransformerEncoderLayer with the weights copied; Keras has no
encoder layer; the weight layouts and the parameter count 4d^2+4d + 2df+f+d + 4d; Keras's LayerNormalization
epsilon defaults to 1e-3 (a visible difference), PyTorch's encoder layer to the paper's sizes and dropout.
A one-block classifier on "does A come before B" beats the order-blind baselines in every seed in both
frameworks, and the same model without positional encodings stays near chance; a logistic regression on the
one-hot token at each position (a linear model that sees order) solves the task too, so the task shows that order
must be in the input, not that attention is needed."""
import numpy as np
import pytest

from verified.testing import assert_parity, line, numbers, value

DAY = "072_transformer_encoder"
FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]
TOLERANCE = 1e-5
D, H, F = 16, 2, 32
BAR = 0.95  # test accuracy every seed reaches with positions, stated on the page
CHANCE = 0.56  # below this: chance level on 1000 test sequences (majority class 0.520, about 2 SE above)


def outputs(run, name):
    return [run(f"{DAY}/{name}_{fw}.py").stdout for fw in ("tf", "torch")]


def test_layouts_and_counts(run):
    tf, torch = outputs(run, "block")
    assert line(tf, "keras.layers named *encoder*:") == "[]"
    assert line(torch, "torch.nn named *encoder*:") == "['TransformerEncoder', 'TransformerEncoderLayer']"
    for c in ("query", "key", "value"):
        assert numbers(line(tf, f"{c}/kernel:")) == [D, H, D // H]
        assert numbers(line(tf, f"{c}/bias:")) == [H, D // H]
    assert numbers(line(tf, "attention_output/kernel:")) == [H, D // H, D]
    assert numbers(line(torch, "attention.in_proj_weight:")) == [3 * D, D]
    assert numbers(line(torch, "attention.out_proj.weight:")) == [D, D]
    assert numbers(line(torch, "ffn.0.weight:")) == [F, D]  # (out, in): y = x W^T + b
    assert numbers(line(tf, "dense/kernel:")) == [D, F]  # (in, out): y = x W + b
    count = 4 * D * D + 4 * D + 2 * D * F + F + D + 4 * D
    for out in (tf, torch):
        assert numbers(line(out, "parameters:"))[0] == numbers(line(out, "parameters:"))[-1] == count == 2224


def test_block_equals_numpy_and_built_in(run):
    tf, torch = outputs(run, "block")
    for name in ("post-norm", "pre-norm"):
        assert value(tf, f"{name}: max |parts - NumPy|") < TOLERANCE
        assert line(tf, f"{name}: max |parts - NumPy|").endswith("within tolerance: True")
        parts, built_in = numbers(line(torch, f"{name}: max |parts - NumPy|"))
        assert parts < TOLERANCE and built_in < TOLERANCE
    # the same NumPy weights give the same block output in both twins
    keep = lambda out: "\n".join(r for r in out.splitlines() if r.startswith(("post-norm, position", "pre-norm, position")))
    assert_parity(keep(tf), keep(torch))
    pre = numbers(line(tf, "pre-norm, position 0, dims 0-5:"))
    post = numbers(line(tf, "post-norm, position 0, dims 0-5:"))
    assert max(abs(v) for v in pre) > 5 > 2 > max(abs(v) for v in post)  # only post-norm ends normalised


def test_defaults(run):
    tf, torch = outputs(run, "block")
    assert value(tf, "default LayerNormalization epsilon:") == 0.001
    assert value(tf, "post-norm with the default: max |parts - NumPy|") > 100 * TOLERANCE
    assert value(torch, "eps:") == 1e-5
    assert line(torch, "default dim_feedforward:") == "2048, dropout: 0.1, LayerNorm eps: 1e-05"
    assert line(torch, "default batch_first:") == "False, norm_first: False"


def test_embeddings_start_at_different_scales(run):
    """The page: Keras's "normal" initialiser has standard deviation 0.05, nn.Embedding's is 1."""
    tf, torch = outputs(run, "classify")
    assert abs(value(tf, "embedding std at the start, seed 0:") - 0.05) < 0.01
    assert abs(value(torch, "embedding std at the start, seed 0:") - 1.0) < 0.1


def test_settings_agree(run):
    tf, torch = outputs(run, "classify")
    first = lambda out: "\n".join(out.splitlines()[:18])  # settings, the data and the three baselines
    assert first(tf).splitlines()[-1].startswith("logistic regression, one-hot token at each position")
    assert_parity(first(tf), first(torch))
    assert value(tf, "epochs:") == 3 and value(tf, "d model:") == 16 and value(tf, "seq len:") == 12


def _seeds(out):
    rows = [numbers(line(out, f"seed {s}: test accuracy")) for s in (0, 1, 2)]
    return np.array(rows)  # per seed: with positions, without


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_order_needs_positions(run, fw):
    out = run(f"{DAY}/classify_{fw}.py").stdout
    majority = value(out, "majority class, test accuracy:")
    bag = value(out, "logistic regression, bag of tokens (counts), test accuracy:")
    assert majority < CHANCE and bag < CHANCE
    linear = value(out, "logistic regression, one-hot token at each position, test accuracy:")
    assert linear > BAR  # a linear model that sees positions solves the task
    acc = _seeds(out)
    assert acc.shape == (3, 2)
    assert (acc[:, 0] > BAR).all()  # every seed, with positions
    assert (acc[:, 1] < CHANCE).all()  # every seed, without positions: chance
    # the page: every order-blind model is within about two standard errors of 0.5 on the 1000 test sequences
    # (largest distance seen, on all three CPUs: 0.025, 1.6 standard errors)
    se = (0.25 / value(out, "n test:")) ** 0.5
    assert all(abs(x - 0.5) < 2.5 * se for x in [majority, bag, *acc[:, 1]])
    assert (acc[:, 0] - acc[:, 1] > 0.4).all()
    assert (acc[:, 0] <= linear).all()  # the Transformer does not beat the linear model on positions
    assert value(out, "parameters:") == 8 * D + 2224 + D + 1  # embedding, block, read-out
    mean, low, high = numbers(line(out, "with positions:"))
    assert mean == pytest.approx(acc[:, 0].mean(), abs=1e-3) and (low, high) == (acc[:, 0].min(), acc[:, 0].max())
    mean, low, high = numbers(line(out, "without positions:"))
    assert mean == pytest.approx(acc[:, 1].mean(), abs=1e-3) and (low, high) == (acc[:, 1].min(), acc[:, 1].max())
