"""Day 22 claims: L1 (lasso, proximal step) gives exact zeros, subgradient L1
only small weights; L2 (ridge) shrinks the weight vector but not every weight;
the lasso is biased towards zero on the features it keeps; decay in the
optimizer equals an L2 term for plain SGD but not for Adam, nor for SGD with
momentum in Keras (decoupled decay skips the momentum buffer); every kept lasso
weight has |dL/dw| = lambda_1, every zeroed one less; and AdamW at 1000 steps
is a snapshot of a run still moving towards the unpenalised solution."""
from verified.testing import assert_parity, line, numbers, value

DAY = "022_weight_decay"
FW = ("tf", "torch")
PENALTIES = ["none", "L2 (ridge)", "L1 subgradient", "L1 proximal (lasso)"]


def outputs(run, name):
    return [run(f"{DAY}/{name}_{fw}.py").stdout for fw in FW]


def drop(text, *labels):
    return "\n".join(r for r in text.splitlines() if not r.startswith(labels))


def stats(out, penalty):
    """zeros, |w| < 0.01, norm, test MSE of one fit, from the table."""
    row = next(r for r in out.splitlines() if r.startswith(penalty + " "))
    found = numbers(row[len(penalty):])
    assert len(found) == 4
    return dict(zip(["zeros", "small", "norm", "mse"], found))


def distances(out, name):
    """{steps: (distance to ridge, distance to least squares)} of one run."""
    rows = [numbers(r[len(name):]) for r in out.splitlines()
            if r.startswith(name + " ")]
    assert [r[0] for r in rows] in ([1000], [1000, 5000]), rows
    return {int(r[0]): (r[1], r[2]) for r in rows}


def test_parity(run):
    tf, torch = outputs(run, "penalties")
    # the subgradient run oscillates around zero: its digits are arbitrary
    assert_parity(drop(tf, "L1 subgradient", "max gap"),
                  drop(torch, "L1 subgradient", "max gap"))
    tf, torch = outputs(run, "decay")
    # Keras's Adam decay is decoupled, PyTorch's is not; Keras has L2()
    # and decays outside the momentum buffer (the momentum gap)
    differ = ("SGD gap", "Adam, weight_decay", "keras L2", "SGD momentum gap")
    assert_parity(drop(tf, *differ), drop(torch, *differ))
    figures = [len(run(f"{DAY}/penalties_{fw}.py").figures) for fw in FW]
    assert figures == [1, 1]


def test_l1_proximal_gives_exact_zeros_subgradient_does_not(run):
    tf, torch = outputs(run, "penalties")
    for out in (tf, torch):
        s = {p: stats(out, p) for p in PENALTIES}
        assert s["none"]["zeros"] == s["L2 (ridge)"]["zeros"] == 0
        zeros = s["L1 proximal (lasso)"]["zeros"]  # 185 on machines A, B and C (the page fills it)
        assert line(out, "lasso keeps the 5 true features:") == "True"
        others = value(out, "other features the lasso keeps:")  # 10 on A, B and C
        assert zeros + 5 + others == value(out, "D:") == 200 and others < 50 < zeros  # many exact zeros
        # subgradient descent hovers near zero but never lands on it
        assert s["L1 subgradient"]["zeros"] == 0
        assert s["L1 subgradient"]["mse"] < 1
        # many weights close to zero, none on it ("gets close"); the count depends on rounding: 152 in
        # TensorFlow on machines A, B and C; in PyTorch 148 on A, 152 on B and C (the page fills both)
        assert 100 < s["L1 subgradient"]["small"] < 200


def test_ridge_shrinks_the_vector_not_every_weight(run):
    for out in outputs(run, "penalties"):
        none, ridge = stats(out, "none"), stats(out, "L2 (ridge)")
        # A, B and C: norm 2.209 -> 1.681, 20 of 200 grow, by at most 0.038, test MSE 19.693 -> 19.282
        assert ridge["norm"] < 0.9 * none["norm"]  # the vector shrinks
        grown, total = numbers(line(out, "weights ridge makes larger in size:"))
        assert 0 < grown < total == 200 and 0 < value(out, "largest such growth:") < 0.1  # not every weight
        # shrinking alone barely helps; the lasso generalises far better
        assert ridge["mse"] < none["mse"] < 1.05 * ridge["mse"]
        lasso = stats(out, "L1 proximal (lasso)")
        assert lasso["mse"] < ridge["mse"] / 10  # 0.585 on A, B and C


def test_lasso_is_biased_towards_zero(run):
    for out in outputs(run, "penalties"):
        true = [3, -2, 1.5, -1, 2]  # w_true in the snippet
        lasso = numbers(line(out, "lasso weights of the true features:"))
        assert len(lasso) == 5  # 2.92 -1.75 1.32 -0.86 1.76 on machines A, B and C
        assert all(abs(a) < abs(t) for a, t in zip(lasso, true))
        shrink = [abs(t) - abs(a) for a, t in zip(lasso, true)]
        assert max(shrink) - min(shrink) > 0.1  # not one fixed amount


def test_gradient_descent_reaches_the_known_solutions(run):
    tf, torch = outputs(run, "penalties")
    # rounding-level gaps, machine-dependent (closed form: 7.9e-8 and 8.0e-8 on A, 7.9e-8 in both on B and C;
    # minimum-norm: 2.0e-7 and 2.4e-7 on A, 2.9e-7 and 2.0e-7 on B, 2.0e-7 in both on C): the page's bounds
    for out in (tf, torch):
        assert 0 < value(out, "max gap to closed-form ridge:") <= 1e-7
        assert 0 < value(out, "max gap to minimum-norm fit:") <= 1e-6
        assert 0 < value(out, "max gap to scikit-learn Lasso:") < 1e-4  # 1.7e-5 on A, B and C
        # the lasso optimum: |dL/dw| = LAMBDA_1 exactly on every kept weight,
        # strictly below it on every zeroed one
        lam = value(out, "LAMBDA_1:")
        low, high, zeroed = numbers(line(out, "lasso |dL/dw|, kept:"))
        assert low == high == lam == 0.1
        assert zeroed < lam  # 0.09987 on A, B and C


def test_decay_equals_l2_for_sgd_not_for_adam(run):
    tf, torch = outputs(run, "decay")
    # float32 rounding only (TensorFlow 1.2e-6 on A, B and C; PyTorch 0 on A,
    # 6.0e-08 on B and C)
    for out in (tf, torch):
        assert value(out, "SGD gap (L2 in loss vs decay in optimizer):") < 1e-5
    # with momentum, Keras's decoupled decay skips the buffer; PyTorch's
    # SGD adds WEIGHT_DECAY * w to the gradient, as the loss term does
    # (TensorFlow 3.1 on A, B and C; PyTorch: 1.2e-7 on A, 0.0e+00 on B and C)
    assert value(tf, "SGD momentum gap after 1000 steps:") > 1
    assert value(torch, "SGD momentum gap after 1000 steps:") < 1e-6
    for out in (tf, torch):
        assert value(out, "MOMENTUM:") == 0.9
    for out in (tf, torch):
        # plain SGD has not reached the ridge solution at 1000 steps, both runs equally far (0.3267 on A-C)
        sgd = [distances(out, name)[1000][0] for name in ("SGD, L2 in the loss", "SGD, weight_decay")]
        assert 0.1 < sgd[0] and abs(sgd[0] - sgd[1]) <= 1e-4
        assert distances(out, "Adam, L2 in the loss")[1000][0] == 0
        assert value(out, "Adam gap (L2 in loss vs AdamW):") > 1  # 4.569 on A, B and C
        ridge = numbers(line(out, "ridge weights:"))
        adamw = numbers(line(out, "AdamW weights at 1000 steps:"))
        assert len(ridge) == len(adamw) == 8
        assert ridge[0] == 0.73 and adamw[0] > 5 * ridge[0]  # closed form; AdamW 5.3 on A, B and C
        # the small-scale features keep large weights
        assert all(a > r for a, r in zip(adamw[:3], ridge[:3]))


def test_adamw_is_still_moving_towards_least_squares(run):
    tf, torch = outputs(run, "decay")
    # A, B and C: (4.5692, 4.7295 or 4.7294) at 1000 steps, (7.2493 or 7.2494, 2.0493) at 5000
    for out in (tf, torch):
        (r1, p1), (r5, p5) = (distances(out, "AdamW, weight_decay")[s]
                              for s in (1000, 5000))
        assert r5 > r1 + 2 and p5 < p1 - 2  # away from ridge, to least squares
        plain = numbers(line(out, "least-squares weights:"))
        early = numbers(line(out, "AdamW weights at 1000 steps:"))
        late = numbers(line(out, "AdamW weights at 5000 steps:"))
        assert plain[0] == 10.03  # the closed form; AdamW's first weight 5.3 then 7.98 on A, B and C
        assert early[0] < late[0] < plain[0]
        assert value(out, "LONG_STEPS:") == 5000 and value(out, "STEPS:") == 1000


def test_weight_decay_means_different_things(run):
    tf, torch = outputs(run, "decay")
    # Keras: Adam(weight_decay=) is AdamW; PyTorch: it is L2 in the loss
    assert distances(tf, "Adam, weight_decay")[1000] == distances(tf, "AdamW, weight_decay")[1000]
    assert distances(tf, "Adam, weight_decay")[1000][0] > 1  # far from ridge: 4.5692 on A, B and C
    assert distances(torch, "Adam, weight_decay")[1000] == distances(torch, "Adam, L2 in the loss")[1000]
    assert distances(torch, "Adam, weight_decay")[1000][0] == 0  # the ridge solution


def test_factors_of_two_and_the_learning_rate(run):
    tf, torch = outputs(run, "decay")
    for out in (tf, torch):
        assert value(out, "0.5 * WEIGHT_DECAY * |w|^2:") == 0.7
        step = numbers(line(out, "one SGD step with weight_decay, no gradient:"))
        assert step == [0.999, 1.998, 2.997]
        assert value(out, "1 - LEARNING_RATE * WEIGHT_DECAY:") == 0.999
    # Keras's L2(l) adds l |w|^2: twice the weight_decay penalty
    assert value(tf, "keras L2(WEIGHT_DECAY) penalty:") == 1.4


def test_the_ranking_holds_on_other_draws(run):
    for out in outputs(run, "penalties"):
        rows = [numbers(r) for r in out.split("seed  test MSE:")[1].splitlines()
                if len(numbers(r)) == 4]
        assert [r[0] for r in rows] == [1, 2, 3]
        # A, B and C: none, ridge, lasso = 12.847 12.243 0.477 / 12.623 13.368 0.483 / 16.552 17.199 1.225
        for _, none, ridge, lasso in rows:
            assert lasso < min(none, ridge) / 10  # every draw
            assert abs(ridge / none - 1) < 0.06  # ridge: a coin toss
        # ridge ahead on the first draw, behind on the other two ("..., but ... and ...")
        assert [ridge < none for _, none, ridge, _ in rows] == [True, False, False]
