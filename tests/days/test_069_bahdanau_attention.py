"""Day 69 claims: day 66's reversal task at source lengths 2-10, a GRU seq2seq with additive (Bahdanau) attention
against the same seq2seq without it, same data, settings and budget in both frameworks, three seeds each. From 6
digits on, every attention seed beats every no-attention seed by a wide margin (GAP at 6 and 8 digits); at 8
digits every attention seed reverses at least ATTENTION_BAR of the held-out sources exactly and every
no-attention seed at most PLAIN_BAR; at 4 digits both do well. Without attention, exact match falls with length
in every seed. (Bars chosen from 8 seeds per framework, checked outside the site: the worst attention seed at 8
digits 0.705, the best plain one 0.055; the smallest gap at 6 digits 0.52; on a second CPU TF seed 2 with attention
got 0.695 at 8 digits, still above the bar.) At 6 digits every attention seed gets more than 0.85 and every plain seed
less than 0.4, and the attention seeds differ most at 10 digits. At 4 digits the order is not reliable: TF seed 2 with
attention and TF seed 0 without it are close, on either side depending on the CPU. Keras' default embeddings are far
smaller than PyTorch's; the Keras twins draw N(0, 1) like PyTorch. The attention weights put exactly zero on
padding and, for every seed, the most attended position walks backwards through the last held-out source of 10
digits. Exact match is scored with teacher forcing, which gives the same exact match as greedy decoding (day
66's argument, asserted there)."""
import re

import numpy as np
import pytest

from verified.testing import assert_parity, line, numbers, value

DAY = "069_bahdanau_attention"
FW = ("tf", "torch")
FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]
LENGTHS = [4, 6, 8, 10]
ATTENTION_BAR, PLAIN_BAR, GAP = 0.6, 0.1, 0.4  # at 8 digits, every seed; GAP at 6 and 8 (the page says so)
E, H, V = 16, 64, 13


def _out(run, name, fw):
    return run(f"{DAY}/{name}_{fw}.py").stdout


def _table(out):  # seed -> exact match per test length
    rows = {int(m[0]): [float(x) for x in m[1].split()]
            for m in re.findall(r"^seed (\d): ([\d. ]+?)(?: \|[\d ]+)?$", out, flags=re.M)}
    assert sorted(rows) == [0, 1, 2] and all(len(r) == len(LENGTHS) for r in rows.values())
    return rows


def _peaks(out):  # seed -> most attended source position per output, the last source
    return {int(m[0]): [int(x) for x in m[1].split()]
            for m in re.findall(r"^seed (\d): [\d. ]+ \| ([\d ]+)$", out, flags=re.M)}


def test_same_data_and_settings_everywhere(run):
    outs = [_out(run, name, fw) for name in ("plain", "attention") for fw in FW]
    heads = [o[: o.index("parameters:")] for o in outs]
    assert all(h == heads[0] for h in heads)
    assert_parity(heads[0], heads[1])
    assert value(outs[0], "test lengths:") == 4 and value(outs[0], "hidden:") == H
    src = [int(x) for x in numbers(line(outs[0], "source:").split("->")[0])]
    tgt = [int(x) for x in numbers(line(outs[0], "source:").split("->")[1])]
    assert len(src) == 10 and 12 not in src  # the last held-out source: ten digits, no padding
    assert tgt == src[::-1] + [11]
    gru = lambda i: 3 * H * (i + H) + 2 * 3 * H  # Keras' reset_after GRU = PyTorch's GRU
    plain = V * E + gru(E) + gru(E) + H * V + V
    attention = V * E + gru(E) + H * H + (H * H + H) + H + gru(E + H) + 2 * H * V + V
    for fw in range(2):
        assert value(outs[fw], "parameters:") == plain == 32541
        assert value(outs[2 + fw], "parameters:") == attention == 53981


def test_embeddings_start_alike(run):
    tf, torch = _out(run, "plain", "tf"), _out(run, "plain", "torch")
    keras_default, here = numbers(line(tf, "embedding std at the start:"))
    assert keras_default == pytest.approx(0.1 / 12 ** 0.5, abs=3e-3)  # uniform on (-0.05, 0.05)
    assert abs(here - 1) < 0.1 and abs(numbers(line(torch, "embedding std at the start:"))[0] - 1) < 0.1


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_attention_beats_no_attention_from_6_digits(run, fw):
    plain, attention = _out(run, "plain", fw), _out(run, "attention", fw)
    p, a = _table(plain), _table(attention)
    worst = lambda k: min(r[LENGTHS.index(k)] for r in a.values())
    best = lambda k: max(r[LENGTHS.index(k)] for r in p.values())
    assert worst(6) - best(6) >= GAP and worst(8) - best(8) >= GAP and worst(10) > best(10)
    assert worst(8) >= ATTENTION_BAR and best(8) <= PLAIN_BAR
    assert worst(4) >= 0.9 and min(r[0] for r in p.values()) > 0.5  # at 4 digits both do well
    assert worst(6) > 0.85 and best(6) < 0.4  # the page (A/B/C: worst 0.905-0.985, best 0.255-0.345)
    spread = [max(r[i] for r in a.values()) - min(r[i] for r in a.values()) for i in range(len(LENGTHS))]
    assert spread[-1] == max(spread) and spread[-1] > 0.1  # seeds differ most at the longest sources
    for r in p.values():  # without attention: falls with length, to almost nothing at 10
        assert all(x >= y for x, y in zip(r, r[1:])) and r[-1] <= 0.02
    for out, rows in ((plain, p), (attention, a)):
        table = np.array(list(rows.values()))
        assert numbers(line(out, "mean:")) == pytest.approx(table.mean(0), abs=1.5e-3)
        assert len(run(f"{DAY}/{'plain' if rows is p else 'attention'}_{fw}.py").figures) == 1


@pytest.mark.tf
def test_at_4_digits_the_order_is_not_reliable(run):
    p, a = _table(_out(run, "plain", "tf")), _table(_out(run, "attention", "tf"))
    # the page: TF seed 2 with attention and seed 0 without it, both at 4 digits, are close and their order changes
    # with the CPU: 0.935 against 0.930 on machines A and C, 0.925 against 0.930 on machine B
    assert a[2][0] == min(r[0] for r in a.values()) and p[0][0] == max(r[0] for r in p.values())
    assert abs(a[2][0] - p[0][0]) <= 0.02 and a[2][0] >= 0.9


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_weights_skip_padding_and_walk_backwards(run, fw):
    out = _out(run, "attention", fw)
    assert value(out, "largest weight on padding, every seed and test source:") == 0.0
    peaks = _peaks(out)
    assert sorted(peaks) == [0, 1, 2]
    for peak in peaks.values():  # every seed: backwards through the source
        assert len(peak) == 10 and all(x >= y for x, y in zip(peak, peak[1:]))
        assert np.corrcoef(peak, np.arange(10)[::-1])[0, 1] > 0.95
        assert peak[0] == 9 and peak[-1] == 1  # falls from 9 to 1; the first output: the digit it writes
        written = np.arange(10)[::-1]  # output t writes source position 9 - t
        assert all(p - w in (0, 1) for p, w in zip(peak[1:], written[1:]))  # on it or one after it
    after = [p - w == 1 for peak in peaks.values() for p, w in zip(peak[1:], written[1:])]
    assert sum(after) > len(after) / 2  # most often one position after
