"""Day 27 claims: parameter counts agree across frameworks and match the formula on the page."""
from verified.testing import assert_parity, line, value


def dense(n_in, n_out):
    """A fully connected layer: an n_in x n_out weight matrix and n_out biases."""
    return n_in * n_out + n_out


def test_blocks_counts_match_formula_in_both_frameworks(run):
    tf, torch = run("027_layers_and_blocks/blocks_tf.py").stdout, run("027_layers_and_blocks/blocks_torch.py").stdout
    assert_parity(tf, torch, rtol=0, atol=0)  # the same shapes and counts, number for number
    for out in (tf, torch):
        assert value(out, "sequential parameters:") == dense(20, 256) + dense(256, 10) == 7946
        assert value(out, "custom block parameters:") == value(out, "sequential parameters:")
        assert line(out, "custom block output shape:") == "(2, 10)"
        # a layer used twice is counted once; the constant matrix is not a parameter
        assert value(out, "fixed-hidden parameters:") == dense(20, 20) == 420
        assert line(out, "fixed-hidden output shape:") == "()"


def test_keras_builds_weights_at_first_call_pytorch_at_construction(run):
    assert line(run("027_layers_and_blocks/blocks_tf.py").stdout, "weights exist before the first call:") == "False"
    assert line(run("027_layers_and_blocks/blocks_torch.py").stdout, "weights exist before the first call:") == "True"


def _tree(out):
    """(depth, count) for each line of the printed block tree."""
    rows = [l for l in out.splitlines() if l.lstrip().split(":")[0].isalpha() and ": " in l
            and l.strip().split(": ")[1].isdigit()]
    return [((len(l) - len(l.lstrip())) // 2, int(l.split(": ")[1])) for l in rows]


def test_nested_counts_match_formula_and_sum_over_children(run):
    tf, torch = run("027_layers_and_blocks/nested_tf.py").stdout, run("027_layers_and_blocks/nested_torch.py").stdout
    assert_parity(tf, torch, rtol=0, atol=0)
    nest = dense(20, 64) + dense(64, 32) + dense(32, 16)
    total = nest + dense(16, 20) + 3 * dense(20, 20)
    assert (nest, total) == (3952, 5552)
    for out in (tf, torch):
        assert value(out, "total parameters:") == total
        assert line(out, "NestMLP:") == str(nest)
        tree = _tree(out)
        assert tree[0] == (0, total) and len(tree) == 14
        for i, (depth, count) in enumerate(tree):
            children = []
            for d, c in tree[i + 1:]:
                if d <= depth:
                    break
                if d == depth + 1:
                    children.append(c)
            if children:
                assert sum(children) == count, f"line {i}: {count} != sum of children {children}"
