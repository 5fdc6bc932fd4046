"""Day 69 claims: day 66's reversal task at source lengths 2-10, a GRU seq2seq with additive (Bahdanau) attention
against the same seq2seq without it, same data, settings and budget in both frameworks, three seeds each. At
every test length every attention seed beats every no-attention seed; at length 8 every attention seed reverses
at least ATTENTION_BAR of the held-out sources exactly and every no-attention seed at most PLAIN_BAR; without
attention, exact match falls with length in every seed. Keras' default embeddings are far smaller than
PyTorch's; the Keras twins draw N(0, 1) like PyTorch. The attention weights put exactly zero on padding and,
for one source of 10 digits, the most attended position walks backwards through the source (the heatmap; seed 0
retrained alone by the weights snippets). Exact match is scored with teacher forcing, which gives the same exact
match as greedy decoding (day 66's argument, asserted there)."""
import re

import numpy as np
import pytest

from verified.testing import assert_parity, line, numbers, value

DAY = "069_bahdanau_attention"
FW = ("tf", "torch")
FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]
LENGTHS = [4, 6, 8, 10]
ATTENTION_BAR, PLAIN_BAR = 0.75, 0.1  # exact match at length 8, every seed (the page says so)
E, H, V = 16, 64, 13


def _out(run, name, fw):
    return run(f"{DAY}/{name}_{fw}.py").stdout


def _table(out):  # seed -> exact match per test length
    rows = {int(m[0]): [float(x) for x in m[1].split()]
            for m in re.findall(r"^seed (\d): ([\d. ]+)$", out, flags=re.M)}
    assert sorted(rows) == [0, 1, 2] and all(len(r) == len(LENGTHS) for r in rows.values())
    return rows


def test_same_data_and_settings_everywhere(run):
    outs = [_out(run, name, fw) for name in ("plain", "attention", "weights") for fw in FW]
    heads = [o[: o.index("parameters:")] for o in outs]
    assert all(h == heads[0] for h in heads[:4])
    assert_parity(heads[0], heads[1])
    seeds = lambda h: h.replace(line(h, "seeds:"), "")
    assert heads[4] == heads[5] and seeds(heads[4]) == seeds(heads[0]) and value(heads[4], "seeds:") == 0
    assert value(outs[0], "test lengths:") == 4 and value(outs[0], "hidden:") == H
    src = [int(x) for x in numbers(line(outs[0], "source:").split("->")[0])]
    tgt = [int(x) for x in numbers(line(outs[0], "source:").split("->")[1])]
    digits = [d for d in src if d != 12]
    assert tgt[: len(digits) + 1] == digits[::-1] + [11] and set(tgt[len(digits) + 1:]) == {12}
    gru = lambda i: 3 * H * (i + H) + 2 * 3 * H  # Keras' reset_after GRU = PyTorch's GRU
    plain = V * E + gru(E) + gru(E) + H * V + V
    attention = V * E + gru(E) + H * H + (H * H + H) + H + gru(E + H) + 2 * H * V + V
    for fw in range(2):
        assert value(outs[fw], "parameters:") == plain == 32541
        assert value(outs[2 + fw], "parameters:") == value(outs[4 + fw], "parameters:") == attention == 53981


def test_embeddings_start_alike(run):
    tf, torch = _out(run, "plain", "tf"), _out(run, "plain", "torch")
    keras_default, here = numbers(line(tf, "embedding std at the start:"))
    assert keras_default == pytest.approx(0.1 / 12 ** 0.5, abs=3e-3)  # uniform on (-0.05, 0.05)
    assert abs(here - 1) < 0.1 and abs(numbers(line(torch, "embedding std at the start:"))[0] - 1) < 0.1


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_attention_beats_no_attention_at_every_length(run, fw):
    plain, attention = _out(run, "plain", fw), _out(run, "attention", fw)
    p, a = _table(plain), _table(attention)
    for i in range(len(LENGTHS)):
        assert min(r[i] for r in a.values()) > max(r[i] for r in p.values())
    k = LENGTHS.index(8)
    assert all(r[k] >= ATTENTION_BAR for r in a.values()) and all(r[k] <= PLAIN_BAR for r in p.values())
    for r in p.values():  # without attention: falls with length, to almost nothing at 10
        assert all(x >= y for x, y in zip(r, r[1:])) and r[0] > 0.5 and r[-1] <= 0.02
    for out, rows in ((plain, p), (attention, a)):
        table = np.array(list(rows.values()))
        assert numbers(line(out, "mean:")) == pytest.approx(table.mean(0), abs=1.5e-3)
        assert len(run(f"{DAY}/{'plain' if rows is p else 'attention'}_{fw}.py").figures) == 1


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_weights_skip_padding_and_walk_backwards(run, fw):
    out = _out(run, "weights", fw)
    assert value(out, "largest weight on padding") == 0.0
    example = re.search(r"^source: ([\d ]+) \| output: ([\d ]+)$", out, flags=re.M)
    assert len(example[1].split()) == 10 and "12" not in example[1].split()  # ten digits, no padding
    peak = numbers(line(out, "most attended source position per output:"))
    assert len(peak) == 10 and len(run(f"{DAY}/weights_{fw}.py").figures) == 1
    assert all(x >= y for x, y in zip(peak, peak[1:]))  # backwards through the source
    assert np.corrcoef(peak, np.arange(10)[::-1])[0, 1] > 0.95
