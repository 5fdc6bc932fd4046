"""Day 65 claims: BPE learned from scratch on the de-duplicated Lee corpus (290 paragraphs) gives the same merges
in both twins, starting with t+h, i+n, th+e</w>; encoding by merge rank reproduces the learner; unseen lee.cor words
are split into known pieces (lee.cor's words seen in training take no more pieces than training text, its unseen
words the extra); the framework's ragged / EmbeddingBag mean equals the mean of table rows; more merges
mean fewer tokens per word, and a word-level vocabulary of the same size leaves lee.cor tokens out of vocabulary
while BPE leaves none."""
import re

import pytest

from verified.testing import assert_parity, line, numbers, value

FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]
MERGE_COUNTS = [0, 250, 500, 1000, 2000]


def _out(run, what, fw):
    return run(f"065_subword_tokenization/{what}_{fw}.py").stdout


def _table(out):  # merges, vocabulary, tokens per word (train, lee.cor), word-level OOV
    rows = [numbers(r) for r in out.splitlines() if re.match(r"^\s*\d+\s+\d+\s+[\d.]+\s+[\d.]+\s+[\d.]+$", r)]
    assert [r[0] for r in rows] == MERGE_COUNTS
    return rows


def test_twins_print_the_same(run):
    for what in ("merges", "sizes"):
        tf, torch = (_out(run, what, fw) for fw in ("tf", "torch"))
        assert_parity(tf, torch)
        if what == "merges":  # the merges themselves, as text
            assert tf.split("first merges")[1] == torch.split("first merges")[1]
        else:
            assert tf == torch


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_merges(run, fw):
    out = _out(run, "merges", fw)
    assert value(out, "num merges:") == 2000
    assert numbers(line(out, "paragraphs:")) == [290, 50]  # repeats removed as in Part 5
    assert numbers(line(out, "words:")) == [58277, 7370]
    first = re.findall(r"(\S+)\+(\S+) (\d+)", out.split("first merges (pair, count):")[1].split("merges learned")[0])
    assert [a + "+" + b for a, b, _ in first[:3]] == ["t+h", "i+n", "th+e</w>"]
    merge_counts = [int(n) for _, _, n in first]
    assert len(first) == 12 and merge_counts == sorted(merge_counts, reverse=True)
    learned, last = numbers(line(out, "merges learned:"))
    assert learned == 2000 and 2 <= last < merge_counts[-1]
    assert [int(n) for _, _, n in first[:3]] == [6267, 4216, 3995]  # recomputed by a full recount (review 6)
    # 73 = every symbol the tokenizer can produce: 26 letters, 10 digits, the apostrophe, and the 36 letters and
    # digits marked as a word ending (the page: BPE can meet no unknown piece here)
    assert value(out, "starting symbols:") == 26 + 10 + 1 + 36
    assert value(out, "vocabulary size:") == value(out, "starting symbols:") + 2000 == 2073
    assert value(out, "training words encoded as the learner left them:") == 1.0


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_unseen_words_and_tensors(run, fw):
    out = _out(run, "merges", fw)
    assert value(out, "lee.cor words never seen in training:") == 474
    pieces = {w: line(out, f"{w}:").split() for w in ("strife", "senators", "the", "firefighters")}
    assert pieces["strife"] == ["stri", "fe</w>"] and pieces["senators"] == ["sen", "ators</w>"]
    assert pieces["the"] == ["the</w>"] and pieces["firefighters"] == ["firefighters</w>"]
    for w in ("strife", "torn", "greig", "provoke", "senators", "reassert"):
        split = line(out, f"{w}:").split()
        assert len(split) > 1 and "".join(split) == w + "</w>"
    # the extra pieces on lee.cor come from its unseen words: seen ones take no more than on the training text
    seen, seen_mean = numbers(line(out, "lee.cor words seen in training:"))
    unseen_n, unseen_mean = numbers(line(out, "lee.cor words unseen in training:"))
    train_len = _table(_out(run, "sizes", fw))[-1][2]  # 1.49 tokens per training word at 2000 merges
    assert (seen, unseen_n) == (3472, 571) and seen_mean <= train_len < 2 * train_len < unseen_mean
    assert numbers(line(out, "pieces per word:")) == [1, 1, 2, 1, 1, 2, 2, 4, 1, 1]
    shape_and_diff = numbers(line(out, "word vectors"))
    assert shape_and_diff[:2] == [10, 16] and shape_and_diff[2] == 0


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_sizes_and_oov(run, fw):
    result = run(f"065_subword_tokenization/sizes_{fw}.py")
    rows = _table(result.stdout)
    sizes = [r[1] for r in rows]
    assert sizes == [73 + k for k in MERGE_COUNTS]
    for column in (2, 3, 4):  # tokens per word (train, lee.cor) and word-level OOV all fall
        values = [r[column] for r in rows]
        assert values == sorted(values, reverse=True) and len(set(values)) == len(values)
    assert all(r[3] > r[2] for r in rows)  # unseen text needs more pieces per word
    test_len = [r[3] for r in rows]
    assert test_len[0] - test_len[1] > test_len[1] - test_len[-1]  # the first 250 merges save the most
    assert test_len[-1] == 1.72 and rows[-1][4] == 0.265 and rows[0][4] == 0.609
    assert value(result.stdout, "lee.cor words with a piece outside the BPE vocabulary:") == 0
    every, oov = numbers(line(result.stdout, "every training word"))
    assert every == 7370 and oov == 0.141 and oov < rows[-1][4]
    assert len(result.figures) == 1
