"""Day 2 claims: autodiff matches hand-derived gradients; JVP and VJP; graphs recorded on the fly; twin parity."""
import math

import pytest

from verified.testing import assert_parity, line, numbers, value

DAY = "002_automatic_differentiation"
FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]


@pytest.fixture
def out(run):
    def get(name, fw):
        return run(f"{DAY}/{name}_{fw}.py")
    return get


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_gradients_match_hand_derivation(out, fw):
    text = out("gradients", fw).stdout
    # float64 throughout: autodiff and the formula agree to rounding error
    assert value(text, "max |autodiff - by hand| for f:") < 1e-12
    assert value(text, "max |autodiff - by hand| for the loss:") < 1e-12
    # f'(x) = 2x sin x + x^2 cos x, checked here independently at x = -4, 0, 2
    expected = [2 * x * math.sin(x) + x * x * math.cos(x) for x in (-4.0, 0.0, 2.0)]
    got = numbers(line(text, "df/dx at x = -4, 0, 2:"))
    assert got == pytest.approx(expected, abs=1e-6)
    # a detached u = t^2 is a constant: d(u t)/dt = u = t^2, not 3 t^2
    assert numbers(line(text, "d(u*t)/dt with u detached:")) == [0.0, 1.0, 4.0, 9.0]
    assert len(out("gradients", fw).figures) == 1


def test_gradients_twins_agree(out):
    shared = ("df/dx", "dloss/dw", "d(u*t)/dt")
    tf, torch = (
        "\n".join(l for l in out("gradients", fw).stdout.splitlines() if l.startswith(shared)) for fw in ("tf", "torch")
    )
    assert_parity(tf, torch)  # to the printed precision (6 decimals)


def test_a_plain_constant_gets_no_gradient(out):
    """Pitfall: a tape watches trainable Variables only, PyTorch differentiates only tensors with requires_grad."""
    for fw, after in (("tf", "after tape.watch(c):"), ("torch", "after c.requires_grad_(True):")):
        text = out("gradients", fw).stdout
        assert line(text, "gradient w.r.t. a plain constant:") == "None"
        # tf.Variable(2.0, trainable=False) / Parameter(requires_grad=False): not watched either
        assert line(text, "gradient w.r.t. a frozen variable:") == "None"
        assert value(text, after) == 4.0  # d(c^2)/dc at c = 2


def test_a_detour_through_numpy_cuts_the_record(out):
    """Pitfall: .numpy() / .item() leave the recorded world; no gradient flows back through them."""
    assert line(out("gradients", "tf").stdout, "gradient through .numpy():") == "None"
    assert line(out("gradients", "torch").stdout, "result still tracked after .item():") == "False"


def test_both_free_the_record_and_torch_grad_accumulates(out):
    tf, torch = out("gradients", "tf").stdout, out("gradients", "torch").stdout
    # one gradient call uses up a tape; one backward frees PyTorch's graph just the same
    assert line(tf, "second gradient call:") == "RuntimeError"
    assert line(torch, "second backward:") == "RuntimeError"
    assert line(torch, "message:") == "Trying to backward through the graph a second time"
    # persistent=True and retain_graph=True are the counterparts; a tape returns a fresh t^2 ...
    assert numbers(line(tf, "second call, persistent=True:")) == [0.0, 1.0, 4.0, 9.0]
    assert numbers(line(tf, "gradient of a new tape:")) == [0.0, 1.0, 4.0, 9.0]
    # ... while .grad adds: 2 t^2 after two backwards, 3 t^2 after a new graph's backward
    assert numbers(line(torch, "second backward, retain_graph=True:")) == [0.0, 2.0, 8.0, 18.0]
    assert numbers(line(torch, "backward of a new graph, no zeroing:")) == [0.0, 3.0, 12.0, 27.0]


def test_seed_is_a_printed_setting(out):
    assert value(out("gradients", "tf").stdout, "seed:") == value(out("gradients", "torch").stdout, "seed:") == 0


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_jvp_and_vjp(out, fw):
    text = out("jvp", fw).stdout
    # x = (1, 2, 3), v = (1, 0.5, -1), u = (1, -1); J = [[x1, x0, 0], [2 x0, 0, cos x2]]
    assert numbers(line(text, "J v (forward mode):")) == pytest.approx([2.5, 2 - math.cos(3.0)], abs=1e-6)
    assert numbers(line(text, "u^T J (reverse mode):")) == pytest.approx([0.0, 1.0, -math.cos(3.0)], abs=1e-6)
    assert line(text, "J shape:") == "(2, 3)"
    for label in ("max |J - J by hand|:", "max |jvp - J v|:", "max |vjp - u^T J|:"):
        assert value(text, label) < 1e-12


def test_jvp_twins_agree(out):
    # the gradient of a vector output is asked for differently by design (asserted below)
    different = ("tape.gradient(y, x)", "y.backward", "message:")
    tf, torch = ("\n".join(l for l in out("jvp", fw).stdout.splitlines() if not l.startswith(different))
                 for fw in ("tf", "torch"))
    assert_parity(tf, torch)  # to the printed precision (6 decimals)


def test_gradient_of_a_vector_output(out):
    """Pitfall: tape.gradient of a vector sums it (u = 1); PyTorch's backward() refuses a vector without weights."""
    tf, torch = out("jvp", "tf").stdout, out("jvp", "torch").stdout
    column_sums = [4.0, 1.0, math.cos(3.0)]  # J = [[x1, x0, 0], [2 x0, 0, cos x2]] at x = (1, 2, 3)
    for text in (tf, torch):
        assert numbers(line(text, "column sums of J:")) == pytest.approx(column_sums, abs=1e-6)
        assert numbers(line(text, "gradient of sum(y):")) == pytest.approx(column_sums, abs=1e-6)
    assert numbers(line(tf, "tape.gradient(y, x), no weights:")) == pytest.approx(column_sums, abs=1e-6)
    assert line(torch, "y.backward(), no weights:") == "RuntimeError"
    assert line(torch, "message:") == "grad can be implicitly created only for scalar outputs"
    assert numbers(line(torch, "y.backward(ones):")) == pytest.approx(column_sums, abs=1e-6)


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_control_flow_differentiates(out, fw):
    result = out("control_flow", fw)
    rows = [numbers(l) for l in result.stdout.splitlines() if l.startswith("a = ")]
    assert len(rows) == 3
    for a, doublings, grad, ratio in rows:
        assert grad == pytest.approx(ratio, rel=1e-12)  # f is linear along the path taken
        branch = 1 if a > 0 else 100
        assert grad == branch * 2.0 ** (doublings + 1)  # the slope of exactly the graph that ran
    assert len({row[1] for row in rows}) == 3  # three inputs, three different loop lengths
    assert [row[1] for row in rows] == [11, 9, 4]  # the loop counts the page quotes for 0.3, -1.7, 40
    # 14 different slopes among 120 sample points (on the interval itself there are infinitely many)
    assert value(result.stdout, "distinct slopes at 120 points of [-3, 3]:") == 14  # the count the page quotes
    assert len(result.figures) == 1


def test_control_flow_twins_agree(out):
    assert_parity(out("control_flow", "tf").stdout, out("control_flow", "torch").stdout, rtol=0, atol=0)
