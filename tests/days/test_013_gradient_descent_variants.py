"""Day 13 claims: batch, mini-batch and stochastic gradient descent all reach a low loss on the same
regression problem; per epoch the small batches win, per update the full batch wins; an update costs
more samples (and more time) the larger the batch, while a sample costs least in the full batch."""
import pytest

from verified.testing import assert_parity, numbers, value

NAMES = ("batch", "mini-batch", "stochastic")
FRAMEWORKS = ("tf", "torch")


def _losses_only(text):
    # timings depend on the machine and are checked for their order below, not for equality
    return "\n".join(l for l in text.splitlines() if " cost:" not in l)


def _cost(out, name):
    samples, us_update, us_sample = numbers(out.split(f"\n{name} cost:")[1].splitlines()[0])
    return samples, us_update, us_sample


def test_loss_curves_agree_across_frameworks(run):
    tf, torch = run("013_gradient_descent_variants/compare_tf.py"), run("013_gradient_descent_variants/compare_torch.py")
    # same data, same zero start, same shuffling order (a NumPy generator): same losses
    assert_parity(_losses_only(tf.stdout), _losses_only(torch.stdout), rtol=1e-3, atol=2e-4)
    assert len(tf.figures) == len(torch.figures) == 1


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_all_three_reach_a_low_loss(run, fw):
    out = run(f"013_gradient_descent_variants/compare_{fw}.py").stdout
    floor = value(out, "noise floor (loss of the true weights):")
    assert 0.009 < floor < 0.011  # noise standard deviation 0.1
    for name in NAMES:
        # from a loss near 60 at the start, each method ends within 0.01 of the noise floor
        final = numbers(out.split(f"\n{name} final loss after")[1].splitlines()[0])[-1]
        assert final < 0.02, name
        assert final >= floor - 1e-3, name


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_progress_per_epoch_and_per_update(run, fw):
    out = run(f"013_gradient_descent_variants/compare_{fw}.py").stdout
    after_epoch = {name: value(out, f"{name} loss after 1 epoch:") for name in NAMES}
    assert after_epoch["batch"] > 1.0  # one pass over the data is one update
    assert after_epoch["mini-batch"] < 0.02 and after_epoch["stochastic"] < 0.02
    needed = {name: value(out, f"{name} updates until loss < 0.02:") for name in NAMES}
    assert needed["batch"] < needed["mini-batch"] < needed["stochastic"]


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_cost_per_update(run, fw):
    out = run(f"013_gradient_descent_variants/compare_{fw}.py").stdout
    cost = {name: _cost(out, name) for name in NAMES}
    assert [cost[name][0] for name in NAMES] == [2048, 32, 1]  # samples per update
    # time per update: the full batch is the most expensive update
    assert cost["batch"][1] > cost["stochastic"][1]
    assert cost["batch"][1] > cost["mini-batch"][1]
    # time per sample: one sample at a time is the most expensive way through the data
    assert cost["stochastic"][2] > cost["mini-batch"][2]
    assert cost["stochastic"][2] > cost["batch"][2]


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_quoted_numbers(run, fw):
    out = run(f"013_gradient_descent_variants/compare_{fw}.py").stdout
    final = {name: numbers(out.split(f"\n{name} final loss after")[1].splitlines()[0]) for name in NAMES}
    # (updates, final loss) as the page quotes them
    assert final["batch"] == pytest.approx([30, 0.0101], abs=1e-4)
    assert final["mini-batch"] == pytest.approx([192, 0.0102], abs=1e-4)
    assert final["stochastic"] == pytest.approx([2048, 0.0109], abs=1e-4)
    assert final["stochastic"][1] > max(final["batch"][1], final["mini-batch"][1])  # ends highest
    assert value(out, "noise floor (loss of the true weights):") == pytest.approx(0.0098, abs=1e-4)
    assert value(out, "batch loss after 1 epoch:") == pytest.approx(38, abs=0.5)
    assert value(out, "mini-batch loss after 1 epoch:") == pytest.approx(0.0108, abs=1e-4)
    assert value(out, "stochastic loss after 1 epoch:") == pytest.approx(0.0109, abs=1e-4)
    needed = [value(out, f"{name} updates until loss < 0.02:") for name in NAMES]
    assert needed == [23, 50, 1385]  # the batch curve needs more than 20 epochs


def test_twins_agree_to_every_printed_digit(run):
    tf = run("013_gradient_descent_variants/compare_tf.py").stdout
    torch = run("013_gradient_descent_variants/compare_torch.py").stdout
    assert _losses_only(tf) == _losses_only(torch)


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_fixed_overhead_dominates_small_updates(run, fw):
    out = run(f"013_gradient_descent_variants/compare_{fw}.py").stdout
    cost = {name: _cost(out, name) for name in NAMES}
    assert cost["batch"][1] < 200 * cost["stochastic"][1]  # far less than 2048 times
    assert cost["mini-batch"][1] < 8 * cost["stochastic"][1]  # nowhere near 32 times
