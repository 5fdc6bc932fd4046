"""Day 68 claims: additive and scaled dot-product scores by hand equal the built-ins (Keras AdditiveAttention
and Attention with its scale set, PyTorch's scaled_dot_product_attention) within 1e-5 in float32; what each
built-in scales by; var(q . k) grows like d and unscaled scores saturate the softmax and shrink its gradient;
masked keys get exactly zero weight, by hand and in the built-ins; two wrong ways to mask; a query with no
allowed key gives NaN by hand and in nn.MultiheadAttention, zeros in scaled_dot_product_attention, and uniform
weights over every key in Keras (its scores are below half the float32 spacing at 1e9)."""
import math
import re

import pytest

from verified.testing import assert_parity, line, numbers, value

DAY = "068_attention_scoring_functions"
FW = ("tf", "torch")
FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]
TOLERANCE = 1e-5  # float32, stated on the page


def outputs(run, name):
    return [run(f"{DAY}/{name}_{fw}.py").stdout for fw in FW]


def keep(text, differ):
    return "\n".join(r for r in text.splitlines() if not r.strip().startswith(differ))


def table(out, title, rows):  # the rows printed under a title line
    lines = out.splitlines()
    start = next(i for i, r in enumerate(lines) if r.startswith(title)) + 1
    return [numbers(r) for r in lines[start:start + rows]]


def test_twins_print_the_same_numbers(run):
    tf, torch = outputs(run, "scoring")
    own = ("additive, max", "keras", "use_scale", "at that", "scale set", "torch", "default scale",
           "scale=", "attention layers")
    assert_parity(keep(tf, own), keep(torch, own))
    assert_parity(*outputs(run, "scale"))
    tf, torch = outputs(run, "masking")
    own = ("max |row", "padding + causal, max", "causal only", "built-in")
    assert_parity(keep(tf, own), keep(torch, own))


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_hand_scores(run, fw):
    out = run(f"{DAY}/scoring_{fw}.py").stdout
    for title in ("additive weights", "scaled dot-product weights"):
        rows = table(out, title, 3)
        assert all(len(r) == 5 and abs(sum(r) - 1) <= 0.003 and min(r) > 0 for r in rows)
    assert value(out, "additive, max |broadcast - pair loop|:") < 1e-6
    assert numbers(line(out, "additive output shape:")) == [2, 3, 4]


def test_builtins_and_their_scale(run):
    tf, torch = outputs(run, "scoring")
    # Keras: AdditiveAttention with scale = w_v equals the hand version
    assert value(tf, "additive, max |hand - keras AdditiveAttention|:") < TOLERANCE
    # keras.layers.Attention() does not scale; use_scale=True starts at 1.0, so it does not either
    scaled, unscaled = numbers(line(tf, "keras Attention(), max |built-in - hand|:"))
    assert unscaled < 1e-6 and scaled > 0.1
    assert value(tf, "use_scale=True, initial scale:") == 1.0
    scaled, unscaled = numbers(line(tf, "at that value:"))
    assert unscaled < 1e-6 and scaled > 0.1
    assert value(tf, "scale set to 1/sqrt(d), max |hand - built-in|:") < TOLERANCE
    assert "within tolerance: True" in line(tf, "scale set to 1/sqrt(d)")
    # PyTorch: the default scale is 1/sqrt(d); scale=1.0 gives the unscaled product; no additive layer
    scaled, unscaled = numbers(line(torch, "default scale:"))
    assert scaled < 1e-6 and unscaled > 0.1
    scaled, unscaled = numbers(line(torch, "scale=1.0:"))
    assert unscaled < 1e-6 and scaled > 0.1
    assert value(torch, "default scale, max |hand - built-in|:") < TOLERANCE
    assert line(torch, "attention layers in torch.nn:") == "['MultiheadAttention']"


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_variance_grows_like_d(run, fw):
    result = run(f"{DAY}/scale_{fw}.py")
    rows = table(result.stdout, "     d   mean q.k", 5)
    assert [r[0] for r in rows] == [4, 16, 64, 256, 1024]
    for d, mean, var, ratio, se in rows:
        assert abs(ratio - 1) < 3 * se  # var(q . k) = d within three standard errors
        assert abs(mean) < 3 * math.sqrt(d / 10000)  # mean 0, standard error sqrt(d / PAIRS)
        assert se == round(math.sqrt((2 + 6 / d) / 10000), 3)
    assert rows[-1][2] / rows[0][2] > 200  # 256 times larger d, about 256 times the variance
    # seed 0: all five var/d below 1 by chance; other data seeds scatter on both sides, all within 3 SE
    assert all(r[3] < 1 for r in rows)
    more = [numbers(line(result.stdout, f"var/d, data seed {seed}:")) for seed in (1, 2)]
    for ratios in more:
        assert len(ratios) == 5
        assert all(abs(r - 1) < 3 * row[4] for r, row in zip(ratios, rows))
        assert min(ratios) < 1 < max(ratios)  # the page: each other seed scatters on both sides of 1
    assert len(result.figures) == 1


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_unscaled_scores_saturate_the_softmax(run, fw):
    out = run(f"{DAY}/scale_{fw}.py").stdout
    rows = table(out, "     d  unscaled", 5)
    largest_u, largest_s, share_u, share_s, grad_u, grad_s = zip(*[r[1:] for r in rows])
    assert all(a < b for a, b in zip(largest_u, largest_u[1:]))  # the top weight grows with d
    assert largest_u[-1] > 0.95 and share_u[-1] > 0.75 and grad_u[-1] < 0.06
    assert all(a > b for a, b in zip(grad_u, grad_u[1:]))  # the gradient shrinks with d
    assert grad_u[0] / grad_u[-1] > 5  # the page: several times smaller (6.5 on machines A, B and C)
    # scaled scores: the same softmax statistics for every d
    assert max(largest_s) - min(largest_s) < 0.02 and max(share_s) == 0
    assert max(grad_s) - min(grad_s) < 0.015 and min(grad_s) > 0.29
    assert value(out, "uniform weights (1/16):") == 0.0625


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_masked_keys_get_exactly_zero(run, fw):
    result = run(f"{DAY}/masking_{fw}.py")
    out = result.stdout
    allowed = table(out, "allowed, example 1", 5)
    weights = table(out, "weights, example 1", 5)
    for a_row, w_row in zip(allowed, weights):
        assert all(w == 0 for a, w in zip(a_row, w_row) if a == 0)
        assert all(w > 0 for a, w in zip(a_row, w_row) if a == 1)
        assert abs(sum(w_row) - 1) <= 0.003
    assert allowed[0] == [1, 0, 0, 0, 0] and allowed[4] == [1, 1, 1, 0, 0]
    assert line(out, "largest weight on a masked key:") == "0.0, all exactly 0: True"
    assert value(out, "max |row sum - 1|:") < 1e-6
    assert value(out, "padding + causal, max |hand - built-in|:") < TOLERANCE
    assert "within tolerance: True" in line(out, "padding + causal, max")
    assert value(out, "causal only, max |hand - built-in|:") < TOLERANCE
    # the built-in: nothing reaches the output from a padded or a future position
    assert value(out, "padded keys and values overwritten, output change:") == 0
    change = numbers(line(out, "last k, v overwritten, change by query:"))
    assert change[:4] == [0, 0, 0, 0] and change[4] > 1
    assert len(result.figures) == 1


def test_keras_builtin_weights_are_exactly_zero(run):
    tf = run(f"{DAY}/masking_tf.py").stdout
    assert line(tf, "built-in weights, largest on a masked key:") == "0.0"


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_wrong_masks(run, fw):
    out = run(f"{DAY}/masking_{fw}.py").stdout
    # scores set to 0: much of a row's weight lands on masked keys (0.893 on machines A, B and C)
    assert 0.5 < value(out, "scores set to 0 instead of -inf, weight on masked keys, largest row:") < 1
    # zeroing after the softmax: rows no longer sum to 1 (smallest 0.155 on A, B and C)
    assert 0 < value(out, "mask applied after softmax, smallest row sum:") < 0.5


def test_a_query_with_no_allowed_key(run):
    tf, torch = outputs(run, "masking")
    for out in (tf, torch):
        assert numbers(line(out, "left-padded example 1, keys query 0 may see:")) == [0] * 5
        assert all(math.isnan(w) for w in numbers(line(out, "by hand (-inf), query 0 weights:")))
    assert numbers(line(torch, "built-in, query 0 output, first 3 of 8:")) == [0, 0, 0]
    assert numbers(line(tf, "built-in, query 0 weights:")) == [0.2] * 5  # every key, the future included
    assert all(o != 0 for o in numbers(line(tf, "built-in, query 0 output, first 3 of 8:")))
    # Keras's row is uniform only because every |score| < 32, half the float32 spacing at 1e9
    spacing, largest = numbers(line(tf, "built-in, float32 spacing at 1e9:"))
    assert spacing == 64 and largest < spacing / 2
    # nn.MultiheadAttention, unlike scaled_dot_product_attention, returns NaN for such a row
    assert line(torch, "built-in, nn.MultiheadAttention, query 0, first 3:") == "[nan, nan, nan]"
