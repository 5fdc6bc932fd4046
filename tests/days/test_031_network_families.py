"""Day 31 claims: four families (MLP, CNN, RNN over rows, attention over patches) trained on the same
MNIST sample with one budget; parameter counts match the page's formulas in both frameworks (PyTorch's
RNN keeps a second bias vector); at this budget the CNN is the most accurate in every seed with a fifth
of the MLP's parameters; the table lists every family with a positive time (times are not asserted)."""
import re

import pytest

from verified.testing import assert_parity, line, numbers

FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]
FAMILIES = ("MLP", "CNN", "RNN", "attention")
W = 32  # WIDTH on the page
FORMULA = {
    "MLP": 784 * W + W + W * 10 + 10,
    "CNN": (9 * 1 * 8 + 8) + (9 * 8 * 16 + 16) + (16 * 5 * 5 * 10 + 10),
    "RNN": 28 * W + W * W + W + W * 10 + 10,
    "attention": (49 * W + W) + 16 * W + 4 * (W * W + W) + (W * 10 + 10),
}


def _out(run, fw):
    return run(f"031_network_families/families_{fw}.py")


def _families(out):  # name -> (parameters, accuracies by seed, mean, sd)
    rows = {}
    for name in FAMILIES:
        m = re.search(rf"^{name}: parameters (\d+), test accuracy by seed ([\d. ]+), "
                      r"mean ([\d.]+), sd ([\d.]+)$", out, flags=re.M)
        assert m, name
        rows[name] = int(m[1]), numbers(m[2]), float(m[3]), float(m[4])
    return rows


def test_same_settings(run):
    tf, torch = (_out(run, fw).stdout for fw in ("tf", "torch"))
    settings = lambda out: "\n".join(out.splitlines()[:7])
    assert_parity(settings(tf), settings(torch))
    assert numbers(line(tf, "width:")) == [W]


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_parameter_counts_match_formulas(run, fw):
    rows = _families(_out(run, fw).stdout)
    for name in FAMILIES:
        extra = W if (fw, name) == ("torch", "RNN") else 0  # PyTorch: bias_ih and bias_hh
        assert rows[name][0] == FORMULA[name] + extra, name
    assert rows["CNN"][0] * 4 < rows["MLP"][0]  # the CNN has under a quarter of the MLP's parameters


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_accuracies_over_seeds(run, fw):
    rows = _families(_out(run, fw).stdout)
    for name, (_, accs, mean, sd) in rows.items():
        assert len(accs) == 3
        assert mean == pytest.approx(sum(accs) / 3, abs=1.5e-3)
        assert sd == pytest.approx((sum((a - sum(accs) / 3) ** 2 for a in accs) / 2) ** 0.5, abs=2e-3)
    cnn = rows["CNN"][1]
    others = [a for name in FAMILIES if name != "CNN" for a in rows[name][1]]
    assert min(cnn) > max(others)  # the CNN wins in every seed, against every other run
    assert min(cnn) > 0.92
    mlp = rows["MLP"][1]
    assert min(mlp) > 0.87
    assert min(mlp) > max(rows["RNN"][1] + rows["attention"][1])  # at this budget


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_one_table(run, fw):
    out = _out(run, fw).stdout
    table = [r for r in out.splitlines() if r.split(" ")[0] in FAMILIES and ":" not in r]
    assert [r.split()[0] for r in table] == list(FAMILIES)
    rows = _families(out)
    for r in table:
        params, seconds, mean, sd = numbers(r)
        name = r.split()[0]
        assert params == rows[name][0] and seconds > 0
        assert (mean, sd) == (rows[name][2], rows[name][3])
        extra = W if (fw, name) == ("torch", "RNN") else 0
        assert params == FORMULA[name] + extra


def test_slow_learners_vary_more(run):
    tf, torch = (_families(_out(run, fw).stdout) for fw in ("tf", "torch"))
    for rows in (tf, torch):  # sd over seeds, in each framework
        assert min(rows["RNN"][3], rows["attention"][3]) > max(rows["MLP"][3], rows["CNN"][3])
    gap = {name: abs(tf[name][2] - torch[name][2]) for name in FAMILIES}  # between the frameworks' means
    assert min(gap["RNN"], gap["attention"]) > max(gap["MLP"], gap["CNN"])
