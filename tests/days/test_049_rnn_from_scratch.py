"""Day 49 claims: a character-level RNN written by hand (plain tensors, the recurrence, the loss and a clipped
SGD step) starts at the uniform guess ln 30, and its validation loss falls at every checkpoint in every seed
to well below the unigram baseline; both twins start from the same NumPy weights and batches and track each
other; the seeded sample has learned spacing and 'the', not words."""
import math
import re

import pytest

from verified.testing import assert_parity, line, numbers, value

FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]
STEPS, EVERY, SEEDS = 300, 50, 3
GAP = 0.6  # every seed's last validation loss is at least this far below the unigram baseline (the page says so)


def _out(run, fw):
    return run(f"049_rnn_from_scratch/rnn_{fw}.py").stdout


def _head(out):  # settings, data sizes, shapes and baselines: everything before the loss table
    return out[: out.index("step: validation loss")]


def _table(out):  # rows of (step, loss of seed 0, 1, 2)
    rows = [numbers(r) for r in out.splitlines() if re.match(r"^ *\d+: \d", r)]
    assert [r[0] for r in rows] == list(range(0, STEPS + 1, EVERY)) and all(len(r) == 1 + SEEDS for r in rows)
    return rows


def _sample(out):  # the generated text, and the length the snippet says it drew
    return re.search(r'^"(.*)"$', out, flags=re.M).group(1), value(out, "sample,")


def test_same_settings_data_and_shapes(run):
    tf, torch = _out(run, "tf"), _out(run, "torch")
    assert _head(tf) == _head(torch)
    assert_parity(_head(tf), _head(torch))
    assert value(tf, "learning rate:") == 1.0 and value(tf, "hidden:") == 64 and value(tf, "seq len:") == 32
    assert "paragraphs: 300, train characters: 315949" in tf and "validation characters: 39616, windows: 1200" in tf
    v, h = 30, 64
    assert value(tf, "shapes:") == v and line(tf, "shapes:").endswith(f"parameters: {v * h + h * h + h + h * v + v}")


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_loss_falls_below_the_unigram_baseline(run, fw):
    out = _out(run, fw)
    uniform, unigram = numbers(line(out, "uniform guess ln V:"))
    assert uniform == pytest.approx(math.log(30), abs=5e-4) and unigram == pytest.approx(2.903, abs=5e-4)
    rows = _table(out)
    for seed in range(1, SEEDS + 1):
        curve = [r[seed] for r in rows]
        assert abs(curve[0] - uniform) < 0.02  # a fresh network guesses nearly uniformly
        assert all(b < a for a, b in zip(curve, curve[1:]))  # falls at every checkpoint
        assert curve[-1] < unigram - GAP
        assert 2.2 < curve[-1] < 2.3  # the page: 2.256 to 2.280 after 300 steps


def test_twins_track_each_other(run):
    tf, torch = _table(_out(run, "tf")), _table(_out(run, "torch"))
    for a, b in zip(tf[:4], torch[:4]):  # steps 0-150: the same to the printed digit
        assert a == b
    diffs = [abs(x - y) for a, b in zip(tf, torch) for x, y in zip(a[1:], b[1:])]
    assert 0 < max(diffs) <= 0.015  # later, float32 rounding compounds, by at most 0.014
    assert [r[1] for r in tf] == [r[1] for r in torch]  # seed 0: identical all the way


def test_seeded_sample(run):
    (tf, tf_length), (torch, torch_length) = _sample(_out(run, "tf")), _sample(_out(run, "torch"))
    assert tf == torch  # seed 0's weights agree, and NumPy draws the characters in both twins
    assert tf_length == torch_length == len(tf) - 4 == 64
    assert tf.startswith("the ") and set(tf) <= set(" abcdefghijklmnopqrstuvwxyz.,'")
    generated = tf[4:]
    assert " the " in generated  # a common word, spelled right
    words = generated.split()
    assert 0.1 < generated.count(" ") / len(generated) < 0.3 and len(words) >= 8
    assert sum(w.strip(".,'") in {"the", "a", "to", "of"} for w in words) <= 3  # the rest are not words
