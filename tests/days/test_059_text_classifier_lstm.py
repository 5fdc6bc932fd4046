"""Day 59 claims: a 'real or machine-written' set from gensim's Lee corpus (real sentences against an order-1
Markov chain's sentences, one fake of each real sentence's length, split by paragraph, repeats dropped, no test
text in training, balanced classes); with lengths matched, a length-only baseline is exactly at chance, bag of
words is near chance and n-grams help (1 < 2 < 3); test fakes use only training words and pairs, real test
sentences do not (the OOV cue); the LSTM (day 58's pipeline, masked or packed) beats bag of words in every seed
and both frameworks, but does not beat the trigram baseline: no seed above it by more than 0.001, every mean below
it, the gap under two standard errors."""
import pytest

from verified.testing import assert_parity, line, numbers, value

FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]


def _out(run, what, fw):
    return run(f"059_text_classifier_lstm/{what}_{fw}.py").stdout


def _curves(out):
    return [numbers(r.split(":", 1)[1]) for r in out.splitlines() if r.startswith("seed ")]


def _baselines(run):
    out = _out(run, "data", "tf")
    return [value(out, f"logistic regression, 1- to {n}-grams:") for n in (1, 2, 3)]


def _examples(out):
    return [r for r in out.splitlines() if r[:2] in ("1 ", "0 ") and " | " in r]


def test_data_is_the_same_in_both_twins(run):
    tf, torch = _out(run, "data", "tf"), _out(run, "data", "torch")
    assert tf == torch  # the same plain-Python data code and scikit-learn baselines; batches of the same shape
    assert_parity(tf, torch)
    texts = [r.split(" | ")[1] for r in _examples(tf)]
    for fw in ("tf", "torch"):
        out = _out(run, "classifier", fw)
        assert line(out, "train:") == line(tf, "train:")
        assert [r.split(" | ")[1] for r in _examples(out)] == [t[:66] for t in texts]  # the same test texts


def test_data_is_clean_balanced_and_length_matched(run):
    out = _out(run, "data", "tf")
    n_train, n_test = numbers(line(out, "train:"))[:2]
    real_train, real_test = numbers(line(out, "real sentences (train, test):"))
    assert (n_train, n_test) == (2 * real_train, 2 * real_test) == (4238, 826)
    assert numbers(line(out, "test texts in the training texts, fakes equal to a real sentence:")) == [0, 0]
    assert line(out, "every fake as long as its real sentence:").endswith("True")
    assert value(out, "test sentences dropped as repeats of training ones:") == 63
    assert value(out, "majority class:") == 0.5
    assert value(out, "standard error at accuracy 0.5:") == 0.017
    assert value(out, "logistic regression, sentence length only:") == 0.5  # exactly chance: lengths matched
    assert [r[0] for r in _examples(out)] == ["1", "1", "0", "0"]


def test_vocabulary_cue(run):
    out = _out(run, "data", "tf")
    real, machine = numbers(line(out, "real test texts:")), numbers(line(out, "machine test texts:"))
    assert machine[1] == 0  # every word pair of a test fake occurs in the training sentences
    assert real[1] > 0.4 and real[0] > machine[0] + 0.02  # real test text has new pairs and more OOV tokens
    assert (real, machine) == ([0.186, 0.530], [0.146, 0.0])  # quoted on the page


def test_bag_of_words_near_chance_and_ngrams_help(run):
    bow, pairs, triples = _baselines(run)
    se = value(_out(run, "data", "tf"), "standard error at accuracy 0.5:")
    assert abs(bow - 0.5) < 2 * se  # the page: within two standard errors of chance
    assert bow < pairs < triples
    assert triples > 0.5 + 2 * se  # ... while triples are clearly above it


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_lstm_beats_bag_of_words_not_trigrams(run, fw):
    out = _out(run, "classifier", fw)
    curves = _curves(out)
    assert len(curves) == 3 and all(len(c) == 4 for c in curves)
    finals = [c[-1] for c in curves]
    bow, _, triples = _baselines(run)
    se = value(_out(run, "data", "tf"), "standard error at accuracy 0.5:")
    assert all(f > bow for f in finals)  # above bag of words in every seed
    assert min(finals) - bow < 2 * se  # ... but not by much: the lowest seed within two standard errors
    assert all(f <= triples + 0.001 for f in finals)  # no seed beats trigrams by more than 0.001
    mean = value(out, "final test accuracy: mean")
    assert mean == pytest.approx(sum(finals) / 3, abs=1e-3)
    assert 0 < triples - mean < 2 * se  # below trigrams on average, by less than two standard errors
    low, high = numbers(line(out, "final test accuracy: mean").split(",", 1)[1])
    assert (low, -high) == (min(finals), max(finals))  # printed as "range low-high"


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_curves_are_noisy(run, fw):
    curves = _curves(_out(run, "classifier", fw))
    steps = [abs(b - a) for c in curves for a, b in zip(c, c[1:])]
    se = value(_out(run, "data", "tf"), "standard error at accuracy 0.5:")
    assert max(steps) > 2 * se  # the page: some epoch-to-epoch change above two standard errors
    shapes = {tuple((b > a) - (b < a) for a, b in zip(c, c[1:])) for c in curves}
    assert len(shapes) > 1  # the page: no one shape across seeds (the ups and downs differ)
    assert all(abs(acc - 0.5) < 0.15 for c in curves for acc in c)  # noise around an accuracy close to chance


def test_same_settings_and_examples(run):
    tf, torch = _out(run, "classifier", "tf"), _out(run, "classifier", "torch")
    head = lambda out: "\n".join(out.splitlines()[:3])
    assert_parity(head(tf), head(torch))
    assert numbers(line(tf, "embed dim:")) == [16, 32, 4, 128, 0.005]
    wrongs = []
    for out in (tf, torch):
        rows = _examples(out)
        assert [r[0] for r in rows] == ["1", "1", "0", "0"]
        assert all(0 <= numbers(r)[1] <= 1 for r in rows)
        wrongs.append(sum((numbers(r)[1] > 0.5) != (r[0] == "1") for r in rows))
    assert all(w >= 1 for w in wrongs)  # the page: the last seed of each framework gets at least one wrong
