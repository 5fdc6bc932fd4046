"""Day 18 claims: the schedules follow their formulas and agree across frameworks; on the
digits run, decay settles the loss that a constant rate keeps bouncing, and warmup tames the start."""
import math

from verified.testing import assert_parity, line, numbers, value

DAY = "018_learning_rate_schedules"
STEPS = [0, 5, 10, 29, 30, 50, 60, 90, 99]
PEAK, TOTAL, WARMUP = 0.1, 100, 10
NAMES = ["constant", "step", "cosine", "warmup+cosine"]


def expected(name, t):
    if name == "constant":
        return PEAK
    if name == "step":
        return PEAK * 0.1 ** (t // 30)
    if name == "cosine":
        return PEAK * 0.5 * (1 + math.cos(math.pi * t / TOTAL))
    if t < WARMUP:
        return PEAK / 100 + (PEAK - PEAK / 100) * t / WARMUP
    return PEAK * 0.5 * (1 + math.cos(math.pi * (t - WARMUP) / (TOTAL - WARMUP)))


def test_schedules_follow_their_formulas(run):
    for fw in ("tf", "torch"):
        out = run(f"{DAY}/schedules_{fw}.py").stdout
        assert numbers(line(out, "steps:")) == STEPS
        for name in NAMES:
            got = numbers(line(out, f"{name} lr:"))
            want = [expected(name, t) for t in STEPS]
            assert all(abs(g - w) <= 1e-6 for g, w in zip(got, want)), (fw, name, got, want)


def test_schedule_parity(run):
    tf = run(f"{DAY}/schedules_tf.py")
    torch = run(f"{DAY}/schedules_torch.py")
    assert_parity(tf.stdout, torch.stdout, rtol=0, atol=1e-6)
    assert len(tf.figures) == len(torch.figures) == 1


def _curves(out):
    return {name: numbers(line(out, f"{name} loss per epoch:")) for name in NAMES}


def test_training_parity(run):
    # zero init and the same batches in both frameworks: the same losses to about 1e-3
    tf = run(f"{DAY}/training_tf.py")
    torch = run(f"{DAY}/training_torch.py")
    assert_parity(tf.stdout, torch.stdout, rtol=1e-3, atol=1e-4)
    assert len(tf.figures) == len(torch.figures) == 1


def test_decay_settles_what_a_constant_rate_keeps_bouncing(run):
    for fw in ("tf", "torch"):
        curves = _curves(run(f"{DAY}/training_{fw}.py").stdout)
        assert all(len(c) == 10 for c in curves.values())
        spread = {name: max(c[-3:]) - min(c[-3:]) for name, c in curves.items()}
        assert spread["constant"] > 0.05
        for name in ("step", "cosine", "warmup+cosine"):
            assert spread[name] < 0.005 and spread["constant"] > 10 * spread[name], (fw, spread)
            assert curves[name][-1] < curves["constant"][-1]
        assert curves["constant"][-1] > 1.1 * curves["cosine"][-1]


def test_cosine_ends_lowest_and_step_a_little_higher(run):
    for fw in ("tf", "torch"):
        final = {name: c[-1] for name, c in _curves(run(f"{DAY}/training_{fw}.py").stdout).items()}
        assert abs(final["warmup+cosine"] - final["cosine"]) < 0.005 * final["cosine"]
        assert final["cosine"] < final["step"] < 1.05 * final["cosine"]


def test_warmup_tames_the_first_steps_at_a_cost(run):
    for fw in ("tf", "torch"):
        out = run(f"{DAY}/training_{fw}.py").stdout
        no_warmup = value(out, "cosine first-epoch max batch loss:")
        warmup = value(out, "warmup+cosine first-epoch max batch loss:")
        assert no_warmup > 2 * warmup
        assert no_warmup > 2 * math.log(10)  # well above the starting loss ln 10
        curves = _curves(out)
        assert curves["warmup+cosine"][0] == max(c[0] for c in curves.values())  # slowest first epoch


def test_quoted_training_numbers(run):
    for fw in ("tf", "torch"):
        out = run(f"{DAY}/training_{fw}.py").stdout
        constant = _curves(out)["constant"]
        # the constant rate's last three epochs run from about 0.27 to 0.71
        assert abs(min(constant[-3:]) - 0.27) < 0.01 and abs(max(constant[-3:]) - 0.71) < 0.01
        no_warmup = value(out, "cosine first-epoch max batch loss:")
        assert abs(no_warmup - 6.8) < 0.05  # "about 6.8"
        assert 2.5 * math.log(10) < no_warmup < 3 * math.log(10)  # almost three times ln 10
