"""Day 21 claims: on 30 noisy points from a cubic, degree 1 underfits, degree
3 is the best on validation data, and degree 20 has the lowest training error
but a much higher validation error; training error never rises with degree,
validation error traces a U. High powers of the same parity are nearly
collinear (x^18 and x^20), powers of opposite parity are not (x^19, x^20)."""
from verified.testing import assert_parity, line, numbers, value

DAY = "021_underfitting_overfitting"
NOISE_VARIANCE = 0.01


def outputs(run):
    return [run(f"{DAY}/polyfit_{fw}.py").stdout for fw in ("tf", "torch")]


def drop(text, *labels):
    return "\n".join(r for r in text.splitlines() if not r.startswith(labels))


def errors(out):
    """(train MSE, validation MSE) by degree 1..20, from the table."""
    table = out.split("degree  train MSE")[1].split("best degree")[0]
    rows = [numbers(r) for r in table.splitlines()
            if len(numbers(r)) == 3]
    assert [r[0] for r in rows] == list(range(1, 21))
    return [r[1] for r in rows], [r[2] for r in rows]


def test_parity(run):
    # same data, float64 least squares in both: the same numbers to one unit
    # of the last printed digit (the careless solvers differ by design)
    tf, torch = (drop(out, "normal equations") for out in outputs(run))
    assert_parity(tf, torch)
    figures = [len(run(f"{DAY}/polyfit_{fw}.py").figures)
               for fw in ("tf", "torch")]
    assert figures == [1, 1]


def test_same_parity_powers_are_nearly_collinear(run):
    for out in outputs(run):
        label = "correlation of x^{} and x^{} on the training points:"
        assert value(out, label.format(19, 20)) == -0.080  # opposite parity
        assert value(out, label.format(18, 20)) == 0.999  # same parity
        assert value(out, label.format(17, 19)) == 0.999
        cond = value(out, "condition number, degree 20 design:")
        square = value(out, "its square (normal equations):")
        assert cond == 7.56e7 and square == 5.72e15
        assert abs(square / cond**2 - 1) < 0.01
        # the squared condition number is past 1 / eps of float64
        assert square > value(out, "1 / float64 machine epsilon:") == 4.5e15


def test_degree_1_underfits(run):
    for out in outputs(run):
        train, val = errors(out)
        # far above the noise variance (A, B, C: 0.5027 and 0.476)
        assert train[0] > 20 * NOISE_VARIANCE and val[0] > 20 * NOISE_VARIANCE
        ratios = numbers(line(out, "degree 1 MSE / noise variance:"))
        assert len(ratios) == 2
        for error, ratio in zip((train[0], val[0]), ratios):
            assert abs(ratio - error / NOISE_VARIANCE) < 0.1
        assert abs(train[0] - val[0]) < 0.1 * train[0]  # close to each other
        # x^2 adds nothing to an odd cubic
        assert train[1] > 0.99 * train[0] and val[1] > 0.99 * val[0]


def test_degree_3_is_best_on_validation(run):
    for out in outputs(run):
        train, val = errors(out)
        assert val[2] == min(val)  # A, B, C: 0.01349
        assert value(out, "best degree on validation:") == 3
        assert value(out, "noise variance:") == NOISE_VARIANCE
        assert val[2] < 1.5 * NOISE_VARIANCE  # close to the noise floor


def test_degree_20_overfits(run):
    for out in outputs(run):
        train, val = errors(out)
        assert train[19] == min(train)  # A, B, C: 0.005065
        assert train[19] < NOISE_VARIANCE  # fits some of the noise
        ratio = value(out, "validation MSE, degree 20 / degree 3:")
        # A, B, C: 0.2722, 20.2 times degree 3's
        assert ratio > 10 and abs(ratio / (val[19] / val[2]) - 1) < 0.01


def test_training_error_never_rises_and_validation_is_u_shaped(run):
    for out in outputs(run):
        train, val = errors(out)
        # nested models fit by least squares: training error cannot rise
        assert all(b <= a for a, b in zip(train, train[1:]))
        # down from degree 1 to 3, a slow rise, then a jump at degree 20
        assert val[0] > val[2] and val[2] < val[9] < val[18] < val[19]
        assert val[18] == max(val[2:19])  # A, B, C: 0.03307
        assert val[18] < 5 * val[2]  # a slow rise
        assert val[19] > 5 * val[18]


def test_normal_equations_move_the_weights(run):
    tf, torch = outputs(run)
    for out in (tf, torch):
        exact_mse, zero = numbers(line(out, "orthogonal "))
        assert zero == 0 and exact_mse == errors(out)[0][19]
        assert value(out, "float32 epsilon x condition number:") == 9
    # the weights move (by up to a few percent: TensorFlow 0.049 on A, B, C;
    # PyTorch 0.034 on A, 0.0018 on B and C); the training error hardly moves
    # (A: 0.005068 and 0.005067 against 0.005065; B, C: 0.005068 and 0.005065)
    for out in (tf, torch):
        train_mse, weight_error = numbers(line(out, "normal equations  "))
        assert 0 < weight_error < 0.1
        assert exact_mse <= train_mse <= 1.01 * exact_mse
    # how far depends on rounding details, so it differs between the frameworks
    assert numbers(line(tf, "normal equations"))[1] != numbers(line(torch, "normal equations"))[1]


def test_degree_3_wins_on_most_draws(run):
    outs = [run(f"{DAY}/draws_{fw}.py").stdout for fw in ("tf", "torch")]
    assert_parity(*outs)
    for fw, out in zip(("tf", "torch"), outs):
        table = out.split("seed  best degree")[1]
        rows = [numbers(r) for r in table.splitlines() if len(numbers(r)) == 6]
        assert [r[0] for r in rows] == [0, 1, 2, 3, 4]
        assert [r[1] for r in rows] == [3, 3, 3, 3, 5]  # four of five
        # the first draw is the one above
        _, val = errors(run(f"{DAY}/polyfit_{fw}.py").stdout)
        assert rows[0][2:] == [val[2], val[0], val[2], val[19]]
        for r in rows:
            assert r[2] == min(r[2], r[4])  # its val MSE: the best
        # degree 5 beats degree 3 by a hair on the fifth draw
        # (A, B, C: 0.01126 against 0.01132)
        assert rows[4][2] < rows[4][4] < 1.02 * rows[4][2]
        assert all(r[5] > 10 * r[4] for r in rows)  # degree 20 always worse
        # the first draw is the mild case; on the other four degree 20's
        # validation MSE runs from the fourth draw's to the fifth's
        # (A, B, C: 3583 to 9.075e6; seeds 1, 2: 3.751e5, 3.04e4)
        others = [r[5] for r in rows[1:]]
        assert rows[0][5] < min(others) and min(others) > 1000
        assert others[2] == min(others) and others[3] == max(others)
