"""Generated notebooks hold each day's snippets with their verified outputs, and they run."""
from __future__ import annotations

import base64

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import SNIPPETS
from verified.days import ROOT, find_days
from verified.notebooks import build

DAYS = find_days(ROOT)


FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf, id="tf"), pytest.param("torch", marks=pytest.mark.torch, id="torch")]


@pytest.mark.parametrize("framework", FRAMEWORKS)
@pytest.mark.parametrize("day", DAYS, ids=[d.stem for d in DAYS])
def test_notebook_matches_its_snippets(day, framework, runner):
    snippets = {s.name: s for s in day.snippets() if s.framework == framework}
    results = {s: runner.run(s) for s in snippets.values() if "gpu" not in s.pragmas}
    nb = build(day, framework, results)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert [c.metadata["snippet"] for c in code] == [snippets[n].rel for n in day.includes()]
    for cell in code:
        snippet = SNIPPETS[cell.metadata["snippet"].split("/", 1)[1]]
        assert cell.source == snippet.path.read_text(encoding="utf-8").rstrip("\n")
        if snippet in results:
            result = results[snippet]
            assert cell.outputs[0].text == result.stdout
            images = [o.data["image/png"] for o in cell.outputs[1:]]
            assert [base64.b64decode(i) for i in images] == [f.read_bytes() for f in result.figures]
    nbformat.validate(nb)
    assert nbformat.writes(nb) == nbformat.writes(build(day, framework, results)), "not byte-stable across builds"


@pytest.mark.slow
@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_day_1_notebook_runs_and_prints_what_its_snippets_printed(framework, runner, tmp_path):
    """Executed top to bottom in a real Jupyter kernel, the notebook prints what the verified snippets printed."""
    day = DAYS[0]
    results = {s: runner.run(s) for s in day.snippets() if s.framework == framework}
    nb = build(day, framework, results)
    expected = [c.outputs[0].text for c in nb.cells if c.cell_type == "code"]
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    printed = ["".join(o.text for o in c.outputs if o.output_type == "stream" and o.name == "stdout")
               for c in nb.cells if c.cell_type == "code"]
    assert printed == expected
    drawn = sum(1 for c in nb.cells if c.cell_type == "code" for o in c.outputs if "image/png" in o.get("data", {}))
    assert drawn == sum(len(r.figures) for r in results.values())
