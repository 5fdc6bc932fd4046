"""Day 74 claims: a mini-BERT's two pretraining objectives on the Lee corpus (290 distinct paragraphs, 30 held
out, a word vocabulary of 1645 entries). The 80/10/10 masking rule realises its shares over ~800,000 word tokens
within stated tolerances (several binomial standard errors); next-sentence pairs carry segment ids 0 for
[CLS] A [SEP] and 1 for B [SEP], and the held-out pairs are exactly balanced. Two unigram baselines for masked
words, and a bag-of-words topic baseline for next-sentence prediction that beats chance on the held-out pairs.
Pretraining (3 epochs, 87 steps) makes the masked-word loss fall in every seed of both frameworks, but the model
ends where the unigram baseline is: its masked-word accuracy is within 0.01 of always predicting 'the', its
held-out cross-entropy within 0.15 nats of the unigram model's, and its next-sentence accuracy at chance, below
the bag-of-words baseline."""
import pytest

from verified.testing import assert_parity, line, numbers, value

DAY = "074_bert"
FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]
SEEDS = (0, 1, 2)
CHANCE_BAND = (0.44, 0.56)  # chance on 414 balanced held-out pairs: 0.5 +- about 2.4 standard errors


def outputs(run, name):
    return [run(f"{DAY}/{name}_{fw}.py").stdout for fw in ("tf", "torch")]


def test_data_and_settings_agree(run):
    for name, last in (("objectives", "segments:"), ("baselines", "stop:")):
        tf, torch = outputs(run, name)
        head = lambda out: out[: out.index(last)]
        assert_parity(head(tf), head(torch))  # same settings, vocabulary, pairs, first pair in both twins
    tf, torch = outputs(run, "pretrain")
    head = lambda out: out[: out.index("seed 0:")]
    assert_parity(head(tf), head(torch))
    assert value(tf, "epochs:") == 3 and value(tf, "d model:") == 32 and value(tf, "batch size:") == 70


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_masking_rule_shares(run, fw):
    out = run(f"{DAY}/objectives_{fw}.py").stdout
    assert value(out, "paragraphs:") == 290
    assert numbers(line(out, "paragraphs:"))[1] == 1645  # vocabulary, 5 special tokens included
    assert value(out, "held-out pairs:") == 414 and numbers(line(out, "held-out pairs:"))[1] == 0.5
    words, selected = numbers(line(out, "word tokens:"))
    assert words > 700_000 and selected == pytest.approx(0.15 * words, rel=0.02)
    assert abs(value(out, "share selected:") - 0.15) < 0.003
    assert abs(value(out, "of selected, [MASK]:") - 0.8) < 0.005
    assert abs(value(out, "of selected, random:") - 0.1) < 0.005
    assert abs(value(out, "of selected, unchanged:") - 0.1) < 0.005
    assert numbers(line(out, "special tokens selected:")) == [0, 0]  # nor [UNK]; random ids are real words
    segments = line(out, "segments:")
    assert set(segments) == {"0", "1"} and segments == "0" * segments.count("0") + "1" * segments.count("1")
    tokens = out[out.index("pair 0:") + len("pair 0:"): out.index("is next:")].split()
    assert tokens[0] == "[CLS]" and tokens.count("[SEP]") == 2 and tokens[-1] == "[SEP]"
    assert len(segments) == len(tokens) and segments.count("0") == tokens.index("[SEP]") + 1  # [CLS] A [SEP]
    example = out[out.index("input:"): out.index("targets:")]
    assert "[MASK]" in example and len(line(out, "targets:")) > 2


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_baselines(run, fw):
    out = run(f"{DAY}/baselines_{fw}.py").stdout
    always = value(out, "baseline, always 'the':")
    sample = numbers(line(out, "baseline, always 'the':"))[1]
    assert 0.07 < always < 0.1 and sample < always / 4
    unigram, uniform = numbers(line(out, "cross-entropy, unigram:"))
    assert unigram < uniform - 1
    bag = value(out, "held-out pairs, bag-of-words accuracy:")
    assert bag > CHANCE_BAND[1]  # topic overlap alone beats chance


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_pretraining_reaches_the_unigram_level_only(run, fw):
    base = run(f"{DAY}/baselines_{fw}.py").stdout
    out = run(f"{DAY}/pretrain_{fw}.py").stdout
    always = value(base, "baseline, always 'the':")
    sample = numbers(line(base, "baseline, always 'the':"))[1]
    unigram, uniform = numbers(line(base, "cross-entropy, unigram:"))
    bag = value(base, "held-out pairs, bag-of-words accuracy:")
    for seed in SEEDS:
        first, last, masked, cross_entropy, nsp = numbers(line(out, f"seed {seed}:"))
        assert last < first - 0.5  # the masked-word loss falls
        assert masked > 4 * sample  # far above guessing by unigram frequencies
        assert abs(masked - always) <= 0.01  # but no better than always predicting 'the'
        assert abs(cross_entropy - unigram) < 0.15 and cross_entropy < uniform - 1
        assert CHANCE_BAND[0] <= nsp <= CHANCE_BAND[1] < bag  # next sentence: chance, below bag of words
