"""Day 58 claims: one plain-Python tokenizer and capped vocabulary (0 = padding, 1 = OOV) give the same ids in
both twins; the OOV share is larger on unseen text; padding by hand equals keras.utils.pad_sequences and torch's
pad_sequence; Keras pads and truncates at the start by default. Masking matters: an LSTM's last output over a
post-padded sentence differs from the unpadded one without a mask and equals it with Embedding(mask_zero=True) /
pack_padded_sequence, also inside Keras's predict; masked steps repeat the last output in Keras and are zeros
after pad_packed_sequence in PyTorch (on CPU); in PyTorch the unmasked difference is not the biases' doing (it stays
large with both biases zeroed). The capped vocabulary is 1998 words plus two reserved ids, and the cap cuts through
a tie."""
import re

import pytest

from verified.testing import assert_parity, line, numbers, value

FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]


def _out(run, what, fw):
    return run(f"058_text_preprocessing/{what}_{fw}.py").stdout


def _shared(out, last_label):
    rows = out.splitlines()
    end = next(i for i, r in enumerate(rows) if r.startswith(last_label))
    return "\n".join(rows[: end + 1])


def test_same_tokens_vocabulary_and_padding(run):
    tf, torch = _out(run, "vocab", "tf"), _out(run, "vocab", "torch")
    assert _shared(tf, "cut off:") == _shared(torch, "cut off:")  # the same plain-Python code, the same output
    assert_parity(_shared(tf, "cut off:"), _shared(torch, "cut off:"))
    assert value(tf, "max tokens:") == 2000 and value(tf, "max len:") == 12
    assert value(tf, "vocabulary size:") == 2000
    assert line(tf, "first entries:").startswith("0 <pad>, 1 <unk>, 2 the")
    assert numbers(line(tf, "tokens:")) == [60533, 7381]
    words, last, tied, kept = numbers(line(tf, "words:"))
    assert words == 1998 and 0 < kept < tied  # the cap cuts through a tie
    assert (last, tied, kept) == (4, 393, 167)  # quoted on the page


def test_oov_share_rises_on_unseen_text(run):
    out = _out(run, "vocab", "tf")
    seen, unseen = value(out, "OOV share of background"), value(out, "OOV share of lee.cor")
    assert 0.1 < seen < unseen < 0.4
    assert unseen > 1.5 * seen
    assert (seen, unseen) == (pytest.approx(0.143, abs=1e-3), pytest.approx(0.269, abs=1e-3))  # quoted


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_padding_by_hand_equals_framework(run, fw):
    out = _out(run, "vocab", fw)
    label = "same as pad_sequences:" if fw == "tf" else "same as pad_sequence:"
    assert line(out, label).endswith("True")
    assert numbers(line(out, "lengths:")) == [4, 16]
    rows = [numbers(r) for r in out.splitlines() if re.fullmatch(r"(\s*\d+){12}", r)]
    assert len(rows) == 2 and rows[0][4:] == [0] * 8 and 0 not in rows[1]  # padded at the end; truncated to 12
    assert line(out, "cut off:") == "is under control now"


@pytest.mark.tf
def test_keras_defaults_are_pre(run):
    out = _out(run, "vocab", "tf")
    assert numbers(line(out, "defaults, first row:")) == [0] * 8 + [2, 79, 9, 57]
    assert line(out, "defaults, row 2:").endswith("is under control now")  # keeps the last 12 tokens


@pytest.mark.torch
def test_torch_pads_left_only_when_told(run):
    out = _out(run, "vocab", "torch")
    assert numbers(line(out, "padding_side='left', row 1:")) == [0] * 12 + [2, 79, 9, 57]


def _differences(out):
    rows = [r for r in out.splitlines() if r.startswith("length ")]
    return [tuple(numbers(r)) for r in rows]  # (length, without mask, with mask)


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_masking_matters(run, fw):
    out = _out(run, "mask", fw)
    rows = _differences(out)
    assert [r[0] for r in rows] == [18, 11, 17, 3]
    for length, without, with_mask in rows:
        assert without > 1e-3  # padding changes the last output without a mask
        assert with_mask < 1e-6  # and not at all with one
    assert line(out, "mask of the first row:").endswith("1" * 18 + "00")


def test_same_settings_and_batch(run):
    tf, torch = _out(run, "mask", "tf"), _out(run, "mask", "torch")
    assert_parity(_shared(tf, "lengths:"), _shared(torch, "lengths:"))
    assert value(tf, "max len:") == 20


@pytest.mark.tf
def test_keras_mask_inside_predict_and_repeated_steps(run):
    out = _out(run, "mask", "tf")
    assert value(out, "predict (a compiled graph), max |difference| with mask:") < 1e-6
    assert line(out, "first row, padded steps repeat the last real output:").endswith("True")


@pytest.mark.torch
def test_torch_padding_idx_and_unpacked_zeros(run):
    out = _out(run, "mask", "torch")
    assert line(out, "padding_idx row is zero:").endswith("True")
    assert numbers(line(out, "lengths from the mask:")) == [18, 11, 17, 3]
    assert line(out, "first row, padded steps are zeros:").endswith("True")
    assert value(out, "steps[:, -1] vs the last output, max |difference|:") > 1e-2
    no_bias = numbers(line(out, "biases zeroed, without mask:"))
    without = [r[1] for r in _differences(out)]
    assert len(no_bias) == 4 and all(g > 1e-2 for g in no_bias)  # not the biases: zero inputs still move the state
    assert all(g > w / 2 for g, w in zip(no_bias, without))  # and most of the difference remains
