"""Day 27 claims: parameter counts agree across frameworks and match the
formula on the page; Keras builds at the first call, PyTorch at construction;
a layer used twice is counted once; a block's count is the sum of its
children's; the pitfalls fail (or not) where the page says."""
import pytest

from verified.testing import assert_parity, line, numbers, value

DAY = "027_layers_and_blocks"
FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf),
              pytest.param("torch", marks=pytest.mark.torch)]


def dense(n_in, n_out):
    """A fully connected layer: an n_in x n_out weight matrix, n_out biases."""
    return n_in * n_out + n_out


def outputs(run, name):
    return [run(f"{DAY}/{name}_{fw}.py").stdout for fw in ("tf", "torch")]


def test_blocks_counts_match_formula_in_both_frameworks(run):
    tf, torch = outputs(run, "blocks")
    # the same shapes and counts, number for number; only the build flag
    # (a boolean, not a number) differs
    assert_parity(tf, torch)
    for out in (tf, torch):
        assert (value(out, "N_IN:"), value(out, "HIDDEN:"),
                value(out, "N_OUT:")) == (20, 256, 10)
        assert numbers(line(out, "parameters per layer:")) == [
            dense(20, 256), dense(256, 10)] == [5376, 2570]
        assert value(out, "sequential parameters:") == 7946 == sum(
            numbers(line(out, "parameters per layer:")))
        assert value(out, "custom block parameters:") == 7946
        assert line(out, "custom block output shape:") == "(2, 10)"
        # a layer used twice is counted once; the constant is not a parameter
        assert value(out, "fixed-hidden parameters:") == dense(20, 20) == 420
        assert value(out, "fixed-hidden trainable tensors:") == 2
        assert line(out, "fixed-hidden output shape:") == "()"


def test_keras_builds_weights_at_first_call_pytorch_at_construction(run):
    tf, torch = outputs(run, "blocks")
    label = "weights exist before the first call:"
    assert (line(tf, label), line(torch, label)) == ("False", "True")


def _tree(out):
    """(depth, count) for each line of the printed block tree."""
    rows = [l for l in out.splitlines()
            if l.lstrip().split(":")[0].isalpha() and ": " in l
            and not l.split(":")[0].isupper()  # not a setting
            and l.strip().split(": ")[1].isdigit()]
    return [((len(l) - len(l.lstrip())) // 2, int(l.split(": ")[1]))
            for l in rows]


def test_nested_counts_match_formula_and_sum_over_children(run):
    tf, torch = outputs(run, "nested")
    assert_parity(tf, torch)
    nest = dense(20, 64) + dense(64, 32) + dense(32, 16)
    total = nest + dense(16, 20) + 3 * dense(20, 20)
    assert (nest, total) == (3952, 5552)
    for out in (tf, torch):
        assert value(out, "COPIES:") == 3
        assert value(out, "total parameters:") == total
        assert line(out, "NestMLP:") == str(nest)
        tree = _tree(out)
        assert tree[0] == (0, total) and len(tree) == 14
        quoted = [(1, 3952), (2, 3424), (3, 1344), (3, 2080), (2, 528),
                  (1, 340), (1, 1260)]
        assert tree[1:8] == quoted
        for i, (depth, count) in enumerate(tree):
            children = []
            for d, c in tree[i + 1:]:
                if d <= depth:
                    break
                if d == depth + 1:
                    children.append(c)
            if children:
                assert sum(children) == count, (i, count, children)


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_pitfalls_fail_where_the_page_says(run, fw):
    out = run(f"{DAY}/pitfalls_{fw}.py").stdout
    seen = value(out, "plain list of two layers, parameters seen:")
    first_call = line(out, "no super(): first call fails:")
    assignment = line(out, "no super(): assignment fails:")
    early = line(out, "count before the first call fails:")
    if fw == "tf":  # Keras tracks lists, fails late without super()
        assert seen == 2 * dense(20, 20) == 840
        assert (assignment, first_call) == ("no", "RuntimeError")
        assert early == "ValueError"
        assert line(out, "layer.call(x) bypasses __call__:") == "AttributeError"
    else:  # PyTorch ignores plain lists, fails at the assignment
        assert seen == 0
        assert (assignment, first_call) == ("AttributeError", "AttributeError")
        assert early == "no"
        assert line(out, "layer.forward(x) bypasses __call__:") == "hook skipped"
