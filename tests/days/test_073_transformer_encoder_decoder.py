"""Day 73 claims: a generated translation task (each symbol looked up in a fixed dictionary, then the order
reversed) that the two baselines fail (copy the source; the dictionary without reordering: per-token accuracy
near the chance of 0.1, exact match near 0); teacher forcing (decoder input = target shifted right after a start
token); the causal mask checked numerically in both frameworks (with it, changing the decoder input at position
5 leaves positions 0-4 exactly unchanged; without it, they change), PyTorch's float (-inf) and bool (True =
blocked) masks and Keras's use_causal_mask and bool (True = may attend) mask give the same outputs; a small
encoder-decoder (one layer each, the same parameter count in both) decoded greedily reaches the stated exact
match for every seed, and its cross-attention peaks on the mirrored source position (the anti-diagonal). A lookup
table learned by counting, which assumes one fixed source position per output position, scores 1.000; PyTorch's
F.scaled_dot_product_attention reads a bool mask as True = may attend, unlike nn.MultiheadAttention."""
import pytest

from verified.testing import assert_parity, line, numbers, value

DAY = "073_transformer_encoder_decoder"
FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]
EXACT_BAR, TOKEN_BAR, PEAK_BAR = 0.9, 0.97, 0.8  # every seed, stated on the page
D, F, V, L = 32, 64, 10, 8


def out(run, name, fw):
    return run(f"{DAY}/{name}_{fw}.py").stdout


def test_task_and_baselines_agree(run):
    tf, torch = out(run, "task", "tf"), out(run, "task", "torch")
    upto = lambda o: o[: o.index("causal mask")]  # settings, data, teacher forcing, baselines
    assert "baseline, dictionary, no reordering" in upto(tf)
    assert_parity(upto(tf), upto(torch))
    src, tgt = (numbers(s) for s in line(tf, "source:").split("-> target:"))
    dictionary = numbers(line(tf, "dictionary:"))
    assert sorted(dictionary) == list(range(V))
    assert tgt == [dictionary[int(s)] for s in src][::-1]  # looked up, then reversed
    assert numbers(line(tf, "decoder input (teacher forcing):")) == [V] + tgt[:-1] + [V]  # start, shifted
    assert value(tf, "test sentences also in training:") == 0


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_baselines_fail(run, fw):
    o = out(run, "task", fw)
    for name in ("copy the source", "dictionary, no reordering"):
        exact, token = numbers(line(o, f"baseline, {name}:"))
        assert exact <= 0.002 and token < 0.11  # chance per token: 0.1
    # the strong simple baseline: a table per output position, learned by counting, finds the reversal
    assert numbers(line(o, "source position read at each output position:")) == list(range(L))[::-1]
    assert numbers(line(o, "baseline, lookup table by counting:")) == [1.0, 1.0]


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_causal_mask(run, fw):
    o = out(run, "task", fw)
    masked = ("float, -inf = blocked:", "bool, True = blocked:") if fw == "torch" else (
        "use_causal_mask=True:", "bool, True = may attend:")
    for label in masked:
        past, current = numbers(line(o, label))[2::2]  # "positions 0-4 ... 5 by ..."
        assert past == 0.0 and current > 0.1  # exactly unchanged before position 5
    past, current = numbers(line(o, "none:"))[2::2]
    assert past > 0.1 and current > 0.1  # without a mask the future leaks into the past
    same = "float and bool masks" if fw == "torch" else "use_causal_mask and bool mask"
    assert value(o, f"{same}, max |difference|:") == 0.0
    if fw == "torch":
        assert "-inf" in o and "[0., -inf, -inf, -inf]" in o
        assert "[False,  True,  True,  True]" in o
        # F.scaled_dot_product_attention reads a bool mask the Keras way (True = may attend)
        may, blocked = numbers(line(o, "tril, True = may attend:"))
        assert may == 0.0 and blocked > 0.1
    else:
        assert "[[ True False False False]" in o


def test_parameters_equal_and_formula(run):
    attention, ffn, norm = 4 * D * D + 4 * D, 2 * D * F + F + D, 2 * D
    count = (V + V + 1) * D + (attention + ffn + 2 * norm) + (2 * attention + ffn + 3 * norm) + 2 * norm + D * V + V
    for fw in ("tf", "torch"):
        assert value(out(run, "translate", fw), "parameters:") == count == 22506
    tf, torch = out(run, "translate", "tf"), out(run, "translate", "torch")
    settings = lambda o: o[: o.index("parameters:")]
    assert_parity(settings(tf), settings(torch))


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_trained_every_seed(run, fw):
    result = run(f"{DAY}/translate_{fw}.py")
    o = result.stdout
    rows = [numbers(line(o, f"seed {s}: greedy exact")) for s in (0, 1, 2)]
    for exact, token, _, peak in rows:  # "at 7 - t" carries a 7
        assert exact > EXACT_BAR and token > TOKEN_BAR and peak > PEAK_BAR
        assert token >= exact
        assert exact < 1.0  # the page: the lookup table (1.000) does better than every seed
    for i, name in ((0, "exact:"), (1, "per token:"), (3, "peak:")):
        col = [r[i] for r in rows]
        mean, low, high = numbers(line(o, name))
        assert abs(mean - sum(col) / 3) < 1e-3 and (low, high) == (min(col), max(col))
    task = out(run, "task", fw)
    for name in ("copy the source", "dictionary, no reordering"):
        exact, token = numbers(line(task, f"baseline, {name}:"))
        assert min(r[0] for r in rows) - exact > 0.8
    assert len(result.figures) == 1  # the cross-attention map
