"""Day 24 claims: BatchNorm normalises features over the batch, LayerNorm
samples over features; only BatchNorm in training mode couples samples;
TF/PyTorch parity in both modes once momentum and epsilon are matched; the
documented differences in defaults and in the running-variance estimate."""
from verified.testing import assert_parity, line, numbers, value

DAY = "024_normalization_layers"
FW = ("tf", "torch")


def outputs(run, name):
    return [run(f"{DAY}/{name}_{fw}.py").stdout for fw in FW]


def stat(out, name, what, axis):
    return numbers(line(out, f"{name:9} {what:4} per {axis}:"))


def test_statistics_parity(run):
    # printed to 3 decimals; one unit of the last digit
    assert_parity(*outputs(run, "statistics"))


def test_batchnorm_and_layernorm_statistics(run):
    for out in outputs(run, "statistics"):
        for name, axis in (("BatchNorm", "feature"), ("LayerNorm", "sample")):
            assert stat(out, name, "mean", axis) == [0, 0, 0, 0]
            assert stat(out, name, "std", axis) == [1, 1, 1, 1]
        # along the other axis neither is normalised: the page quotes the
        # first two means as clearly nonzero (0.388, 0.887; -0.640, 0.417 on
        # all three machines so far)
        for mean in (stat(out, "BatchNorm", "mean", "sample")[:2]
                     + stat(out, "LayerNorm", "mean", "feature")[:2]):
            assert abs(mean) > 0.1


def test_only_batchnorm_training_couples_samples(run):
    for out in outputs(run, "statistics"):
        # 0.518 on machines A, B, C: a change of order 0.1 to 1, not rounding
        assert 0.1 < value(out, "sample 0 moves, BatchNorm training:") < 2
        assert value(out, "sample 0 moves, BatchNorm inference:") == 0
        assert value(out, "sample 0 moves, LayerNorm:") == 0


def test_defaults_differ(run):
    tf, torch = outputs(run, "batchnorm")
    assert value(tf, "default momentum:") == 0.99
    assert value(tf, "default epsilon:") == 0.001
    assert value(torch, "default momentum:") == 0.1
    assert value(torch, "default epsilon:") == 1e-5


def test_running_variance_conventions(run):
    tf, torch = outputs(run, "batchnorm")
    label = "update variance / biased batch variance:"
    # Keras: biased (divides by n); PyTorch: unbiased (n - 1)
    assert all(abs(r - 1) <= 2e-6 for r in numbers(line(tf, label)))
    assert all(abs(r - 16 / 15) <= 2e-6 for r in numbers(line(torch, label)))
    keras = numbers(line(tf, "running var after one step:"))
    pytorch = numbers(line(torch, "running var after one step:"))
    # the running variances differ (1.0178 vs 1.0256 for the first feature)
    assert pytorch[0] - keras[0] > 1e-3
    # from 1.0, PyTorch's increment is n/(n-1) times Keras's
    for a, b in zip(keras, pytorch):
        assert abs((b - 0.9) - (a - 0.9) * 16 / 15) < 1e-5


def test_batchnorm_parity_in_both_modes(run):
    # the page's two bullets: in each mode, each framework follows its
    # formula, and the frameworks agree
    tf, torch = outputs(run, "batchnorm")
    train = "training: max gap to batch-statistics formula:"
    infer = "inference: max gap to running-statistics formula:"
    # "to about 10^-6": float32 rounding, below the 6 printed decimals
    # (7.7e-07, 1.1e-06, 4.8e-07, 9.5e-07 on machines A, B, C)
    for out in (tf, torch):
        for label in (train, infer):
            assert 0 <= value(out, label) < 5e-6
    differ = ("default", "running var", "update variance", "training: max",
              "inference: max", "batch of one", "frozen")

    def keep(text):
        return "\n".join(r for r in text.splitlines()
                         if not r.startswith(differ))

    # both modes' outputs and the running mean agree to 6 decimals
    assert_parity(keep(tf), keep(torch))
    for label in ("training output, sample 0:", "running mean after one step:",
                  "inference, shared statistics, sample 0:"):
        assert len(numbers(line(tf, label))) == 3


def test_pitfalls_batch_of_one_and_freezing(run):
    tf, torch = outputs(run, "batchnorm")
    # a lone sample minus its own mean is 0: Keras returns beta
    # (up to a rounding error: 6.0e-05 on machines A, B, C)
    assert value(tf, "batch of one, training: max |output - beta|") < 1e-3
    assert line(torch, "batch of one, training:") == (
        "Expected more than 1 value per channel when training")
    # Keras: trainable = False also means inference mode;
    # PyTorch: requires_grad_(False) leaves the mode (and the updates) alone
    equal = "frozen layer, training call equals inference:"
    changes = "frozen layer, training call changes the running mean:"
    assert (line(tf, equal), line(tf, changes)) == ("True", "False")
    assert (line(torch, equal), line(torch, changes)) == ("False", "True")


def test_porting_without_matching_epsilon(run):
    tf, torch = outputs(run, "batchnorm")
    for out in (tf, torch):
        variances = numbers(line(out, "running variances:"))
        gap = numbers(line(out, "epsilon gap per feature:"))
        assert variances == [1, 4, 0.25, 1e-4]
        # 0.00115, 0.00018, 0.00387, 1.515807 on machines A, B, C
        # tiny where the variance dwarfs epsilon, of order 1 where it does not
        assert max(gap[:3]) < 0.01 and gap[3] > 1
    assert_parity(line(tf, "epsilon gap per feature:"),
                  line(torch, "epsilon gap per feature:"))
