"""Day 61 claims: an embedding lookup equals one-hot times the weight matrix (exactly), in both frameworks
with the same table; the gradient is non-zero only in the rows of the words used (a repeated word's row is
the sum of its upstream vectors); Keras returns IndexedSlices, PyTorch a dense tensor (sparse COO with
sparse=True); plain SGD changes only the rows used, Adam also moves rows used at an earlier step, AdamW
(weight decay) every row."""
import numpy as np
import pytest

from verified.testing import assert_parity, line, numbers, value

FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]
WORDS = ["<pad>", "a", "cat", "dog", "sat", "ran", "on", "the", "mat", "rug"]
USED = "cat dog sat on the mat rug"
IDS = [7, 2, 4, 6, 7, 8, 7, 3, 4, 6, 7, 9]


def _out(run, what, fw):
    return run(f"061_word_embeddings/{what}_{fw}.py").stdout


def _table(out):  # the printed gradient table, one row per word
    rows = {}
    for row in out.splitlines():
        word = row.split("[")[0].strip()
        if word in WORDS and "[" in row:
            rows[word] = numbers(row.split("[", 1)[1])
    assert list(rows) == WORDS and all(len(r) == 4 for r in rows.values())
    return rows


def test_same_settings_and_output(run):
    for what in ("lookup", "gradient"):
        tf, torch = (_out(run, what, fw) for fw in ("tf", "torch"))
        cut = lambda out: out.split("this machine:")[0]  # the timing line differs
        if what == "gradient":
            cut = lambda out: out.split("rows with a non-zero")[0].split("values shape:")[1]
        assert_parity(cut(tf), cut(torch))
    tf = _out(run, "lookup", "tf")
    assert value(tf, "embed dim:") == 4 and value(tf, "data seed:") == 0
    assert value(tf, "big vocab:") == 20000 and value(tf, "big dim:") == 64


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_one_hot_and_lookup(run, fw):
    out = _out(run, "lookup", fw)
    assert numbers(line(out, "one-hot 'cat':")) == [0, 0, 1, 0, 0, 0, 0, 0, 0, 0]
    assert value(out, "one-hot distance between any two words:") == pytest.approx(2**0.5, abs=1e-4)
    assert numbers(line(out, "embedding weight shape:")) == [10, 4]
    assert numbers(line(out, "output shape:")) == [2, 6, 4]
    rng = np.random.default_rng(0)  # the page: the same table in both twins
    table = rng.normal(size=(10, 4)).astype(np.float32)
    assert numbers(line(out, "dense 'cat':")) == pytest.approx(table[2], abs=1e-4)
    cos = table[2] @ table[3] / np.linalg.norm(table[2]) / np.linalg.norm(table[3])
    assert value(out, "dense cosine cat/dog (random table):") == pytest.approx(cos, abs=1e-4)
    assert value(out, "lookup vs one-hot @ W, max abs difference:") == 0
    assert value(out, "lookup vs rows of the table, max abs difference:") == 0
    assert value(out, "max abs difference at this size:") == 0
    assert value(out, "multiply-adds per token, one-hot @ W:") == 20000 * 64
    assert value(out, "numbers copied per token, lookup:") == 64
    times = numbers(line(out, "this machine:"))
    assert len(times) == 2 and all(t > 0 for t in times)


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_gradient_only_rows_used(run, fw):
    out = _out(run, "gradient", fw)
    rows = _table(out)
    zero = [w for w, r in rows.items() if not any(r)]
    assert zero == ["<pad>", "a", "ran"] and value(out, "rows exactly zero:") == 3
    assert line(out, "rows with a non-zero gradient:") == USED
    assert value(out, "'the' row minus its 4 upstream rows summed:") == 0
    # the printed row of 'the' is the sum of the upstream vectors at its four positions
    rng = np.random.default_rng(0)
    rng.normal(size=(10, 4))
    upstream = rng.normal(size=(2, 6, 4)).astype(np.float32)
    ids = np.array(IDS).reshape(2, 6)
    for word in USED.split():
        assert rows[word] == pytest.approx(upstream[ids == WORDS.index(word)].sum(0), abs=1e-4)
    assert value(out, "one-hot route vs lookup gradient, max abs difference:") < 1e-6
    assert numbers(line(out, "indices (one per token):")) == IDS
    assert numbers(line(out, "values shape:")) == [12, 4]
    assert len(run(f"061_word_embeddings/gradient_{fw}.py").figures) == 1


def test_gradient_types(run):
    tf, torch = (_out(run, "gradient", fw) for fw in ("tf", "torch"))
    assert line(tf, "gradient type:") == "IndexedSlices"
    assert line(tf, "inside tf.function:") == "IndexedSlices"
    assert line(tf, "one-hot route gradient type:") == "EagerTensor"
    assert line(torch, "gradient type:") == "torch.strided"
    assert line(torch, "with sparse=True:") == "torch.sparse_coo coalesced: False"
    assert line(torch, "one-hot route gradient type:") == "torch.strided"


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_sgd_and_adam_rows(run, fw):
    out = _out(run, "gradient", fw)
    expected = {"SGD, step 1": USED, "SGD, step 2": "a", "Adam, step 1": USED, "Adam, step 2": "a " + USED}
    expected |= {f"AdamW, step {k}": " ".join(WORDS) for k in (1, 2)}  # weight decay moves every row
    for label, words in expected.items():
        count, names = line(out, f"{label}, rows changed:").split(": ")
        assert names == words and float(count) == len(words.split())
