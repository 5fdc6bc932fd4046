"""Day 48 claims: one trained model of each kind (one-to-one, one-to-many, many-to-one, aligned many-to-many,
encoder-decoder) learns its generated task in every seed and framework, above a baseline that the test
recomputes from the same generated data; the shapes of each kind; one-to-one does not use W_hh."""
import re

import numpy as np
import pytest

from verified.testing import assert_parity, line, numbers, value

FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]
KINDS = ["one_to_one", "one_to_many", "many_to_one", "many_to_many", "encoder_decoder"]
N_TRAIN = 1000


def _out(run, kind, fw):
    return run(f"048_kinds_of_rnn/{kind}_{fw}.py").stdout


def _per_seed(out, label):
    found = [float(x) for x in re.findall(rf"^seed \d: {label} ([\d.]+)", out, flags=re.M)]
    assert len(found) == 3
    return found


@pytest.mark.parametrize("kind", KINDS)
def test_same_settings_data_and_shapes(run, kind):
    tf, torch = (_out(run, kind, fw) for fw in ("tf", "torch"))
    settings = lambda out: out.split("seed 0:")[0]
    assert settings(tf) == settings(torch)
    assert_parity(settings(tf), settings(torch))
    assert line(tf, "shapes:") == line(torch, "shapes:")
    assert value(tf, "n train:") == N_TRAIN and value(tf, "hidden:") == 32


SHAPES = {"one_to_one": "input (500, 1, 2) -> output (500, 2)",
          "one_to_many": "input (500, 1) -> output (500, 10, 1)",
          "many_to_one": "input (500, 10, 1) -> output (500, 2)",
          "many_to_many": "input (500, 10, 1) -> output (500, 10, 2)",
          "encoder_decoder": "input (500, 5, 5) -> output (500, 5, 5)"}


@pytest.mark.parametrize("fw", FRAMEWORKS)
@pytest.mark.parametrize("kind", KINDS)
def test_shapes(run, kind, fw):
    assert line(_out(run, kind, fw), "shapes:") == SHAPES[kind]


def _summary(out, label):
    acc = _per_seed(out, label)
    mean, sd = numbers(line(out, "test accuracy:"))[:2]
    assert mean == pytest.approx(np.mean(acc), abs=1.5e-3) and sd == pytest.approx(np.std(acc, ddof=1), abs=1.5e-3)
    return acc


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_one_to_one(run, fw):
    out = _out(run, "one_to_one", fw)
    rng = np.random.default_rng(0)
    P = rng.uniform(-1, 1, (1500, 2)).astype("float32")
    Y = P[:, 0] * P[:, 1] > 0
    majority = np.mean(Y[N_TRAIN:] == (Y[:N_TRAIN].mean() > 0.5))
    assert numbers(line(out, "test accuracy:"))[2] == pytest.approx(majority, abs=1e-3)
    assert min(_summary(out, "test accuracy")) > 0.95 > majority + 0.4
    assert value(out, "max |output change| with W_hh set to 0:") == 0.0


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_one_to_many(run, fw):
    out = _out(run, "one_to_many", fw)
    rng = np.random.default_rng(0)
    X = rng.uniform(0.3, 0.9, (1500, 1)).astype("float32")
    Y = np.sin(X * np.arange(1, 11))
    baseline = np.mean((Y[:N_TRAIN].mean(0) - Y[N_TRAIN:]) ** 2)
    mse = _per_seed(out, "test MSE")
    mean, sd, wave = numbers(line(out, "test MSE:"))
    assert wave == pytest.approx(baseline, abs=1e-4) and mean == pytest.approx(np.mean(mse), abs=1.5e-4)
    assert max(mse) < 0.01 and max(mse) < wave / 25
    assert len(run(f"048_kinds_of_rnn/one_to_many_{fw}.py").figures) == 1


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_many_to_one(run, fw):
    out = _out(run, "many_to_one", fw)
    X = np.random.default_rng(0).normal(size=(1500, 10, 1)).astype("float32")[..., 0]
    Y = X[:, -1] > X[:, 0]
    majority = np.mean(Y[N_TRAIN:] == (Y[:N_TRAIN].mean() > 0.5))
    last_only = np.mean((X[N_TRAIN:, -1] > 0) == Y[N_TRAIN:])
    printed = numbers(line(out, "majority class"))  # majority, the 0 of "> 0", last value alone
    assert printed[1] == 0 and printed[::2] == pytest.approx([majority, last_only], abs=1e-3)
    assert min(_summary(out, "test accuracy")) > 0.9 > last_only + 0.1


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_many_to_many(run, fw):
    out = _out(run, "many_to_many", fw)
    bits = np.random.default_rng(0).integers(0, 2, (1500, 10))
    padded = np.pad(bits, ((0, 0), (2, 0)))
    Y = padded[:, 2:] + padded[:, 1:-1] + padded[:, :-2] >= 2
    current = np.mean(bits[N_TRAIN:] == Y[N_TRAIN:])
    majority = np.mean(Y[N_TRAIN:] == (Y[:N_TRAIN].mean() > 0.5))
    assert numbers(line(out, "majority class")) == pytest.approx([majority, current], abs=1e-3)
    assert min(_summary(out, "test accuracy per step")) > 0.99 > current + 0.2


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_encoder_decoder(run, fw):
    out = _out(run, "encoder_decoder", fw)
    tokens = [float(x) for x in re.findall(r"^seed \d: tokens right ([\d.]+)", out, flags=re.M)]
    whole = [float(x) for x in re.findall(r"sequences right ([\d.]+)$", out, flags=re.M)]
    assert len(tokens) == len(whole) == 3
    assert min(tokens) > 0.99 and min(whole) >= 0.99 and all(w <= t for w, t in zip(whole, tokens))
    mean, sd, chance = numbers(line(out, "tokens right:"))
    assert mean == pytest.approx(np.mean(tokens), abs=1.5e-3) and chance == 0.2
    examples = [re.findall(r"\d", r) for r in out.splitlines() if r.startswith("example:")]
    assert len(examples) == 3
    for ex in examples:
        assert ex[5:] == ex[:5][::-1]  # the last seed reverses them exactly
    codes = np.random.default_rng(0).choice(5**5, 1500, replace=False)
    assert len(set(codes[:N_TRAIN]) & set(codes[N_TRAIN:])) == 0  # no test sequence is in training
    first = codes[N_TRAIN] // 5 ** np.arange(5) % 5
    assert [int(x) for x in examples[0][:5]] == list(first)
