"""Day 21 claims: on 30 noisy points from a cubic, degree 1 underfits, degree 3 is (close to) the
best on validation data, and degree 20 has the lowest training error but a much higher
validation error; training error never rises with degree, validation error traces a U."""
from verified.testing import assert_parity, line, numbers, value

DAY = "021_underfitting_overfitting"
NOISE_VARIANCE = 0.1**2


def errors(out):
    train = numbers(line(out, "train MSE by degree:"))
    val = numbers(line(out, "validation MSE by degree:"))
    assert len(train) == len(val) == 20  # degrees 1..20
    return train, val


def test_parity(run):
    # same data, float64 least squares in both: the same errors to the printed 4 digits
    tf, torch = run(f"{DAY}/polyfit_tf.py"), run(f"{DAY}/polyfit_torch.py")
    assert_parity(tf.stdout, torch.stdout, rtol=1e-3, atol=0)
    assert len(tf.figures) == len(torch.figures) == 1


def test_degree_1_underfits(run):
    for fw in ("tf", "torch"):
        out = run(f"{DAY}/polyfit_{fw}.py").stdout
        train_1, val_1 = numbers(line(out, "degree 1:"))
        assert train_1 > 10 * NOISE_VARIANCE and val_1 > 10 * NOISE_VARIANCE
        assert abs(train_1 - val_1) < 0.2 * train_1  # both high, and close to each other
        train, val = errors(out)
        assert train[1] > 0.99 * train[0] and val[1] > 0.99 * val[0]  # x^2 adds nothing to an odd cubic


def test_degree_3_is_best_on_validation(run):
    for fw in ("tf", "torch"):
        out = run(f"{DAY}/polyfit_{fw}.py").stdout
        train, val = errors(out)
        assert val[2] == min(val)
        assert value(out, "best degree on validation:") == 3
        assert val[2] < 2 * NOISE_VARIANCE  # close to the noise floor


def test_degree_20_overfits(run):
    for fw in ("tf", "torch"):
        out = run(f"{DAY}/polyfit_{fw}.py").stdout
        train, val = errors(out)
        assert train[19] == min(train) and train[19] < train[2]
        assert train[19] < NOISE_VARIANCE  # fits some of the noise
        assert val[19] > 10 * val[2]


def test_training_error_never_rises_and_validation_is_u_shaped(run):
    train, val = errors(run(f"{DAY}/polyfit_torch.py").stdout)
    # nested models fit by least squares: adding a power can only lower the training error
    assert all(b <= a * (1 + 1e-3) for a, b in zip(train, train[1:]))
    # down from degree 1 to 3, then up: degree 10 worse than 3, degree 20 worse than 10
    assert val[0] > val[2] and val[2] < val[9] < val[19]


def test_quoted_numbers(run):
    # the page quotes: degree 1 about 0.50 / 0.48 (about 50 times the noise variance), degree 3's
    # validation 0.0135, degree 20 about 0.005 / 0.27 (20 times degree 3), and a jump at degree 20
    for fw in ("tf", "torch"):
        train, val = errors(run(f"{DAY}/polyfit_{fw}.py").stdout)
        assert abs(train[0] - 0.50) < 0.01 and abs(val[0] - 0.48) < 0.01
        assert 40 < train[0] / NOISE_VARIANCE < 60 and 40 < val[0] / NOISE_VARIANCE < 60
        assert abs(val[2] - 0.0135) < 0.0001
        assert abs(train[19] - 0.005) < 0.0005 and abs(val[19] - 0.27) < 0.01
        assert 18 < val[19] / val[2] < 22
        assert val[19] > 5 * val[18]  # the jump at degree 20
        assert max(val[2:19]) < 3 * val[2]  # only a slow rise through the middle degrees
