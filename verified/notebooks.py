"""A downloadable notebook per day and framework, generated from the page and its snippets.

Markdown cells carry the page's prose; each {{ twins("name") }} line becomes one
code cell holding that framework's snippet, with the outputs of its verified
run (printed text and figures) already in place.
"""
from __future__ import annotations

import base64
import re
from pathlib import Path

import nbformat

from .days import FRAMEWORKS, TWINS_RE, Day, Snippet
from .runner import Result


def notebook_name(day: Day, framework: str) -> str:
    return f"{day.stem}-{framework}.ipynb"


def _markdown(text: str) -> str:
    # Jupyter's own math delimiters; the page's \( \) and \[ \] are arithmatex's.
    text = re.sub(r"\\\[(.+?)\\\]", lambda m: f"$${m.group(1)}$$", text, flags=re.S)
    return re.sub(r"\\\((.+?)\\\)", lambda m: f"${m.group(1)}$", text, flags=re.S)


def build(day: Day, framework: str, results: dict[Snippet, Result]) -> nbformat.NotebookNode:
    label = FRAMEWORKS[framework]
    snippets = {s.name: s for s in day.snippets() if s.framework == framework}
    shown = [results[s] for s in snippets.values() if s in results]
    page = day.page.read_text(encoding="utf-8")
    title = re.search(r"^# (.+)$", page, re.M).group(1)
    page = re.sub(r"^# .+\n", "", page, count=1, flags=re.M)
    versions = shown[0].versions if shown else {}
    cells = [nbformat.v4.new_markdown_cell(
        f"# Day {day.number} · {title} ({label})\n\n"
        f"The {label} version of this day of *100 Days of Deep Learning*. Every code cell is a snippet "
        f"that the site's test suite ran; the outputs below are from that run "
        f"(Python {versions.get('python', '?')}, {label} "
        f"{versions.get('tensorflow-cpu' if framework == 'tf' else 'torch', '?')}"
        f"{', ' + max(r.date for r in shown) if shown else ''}).")]
    pos, count = 0, 0
    for m in TWINS_RE.finditer(page):
        prose = page[pos:m.start()].strip()
        if prose:
            cells.append(nbformat.v4.new_markdown_cell(_markdown(prose)))
        snippet = snippets[m.group(2)]
        count += 1
        cell = nbformat.v4.new_code_cell(snippet.path.read_text(encoding="utf-8").rstrip("\n"), execution_count=count)
        result = results.get(snippet)
        if result:
            cell.outputs.append(nbformat.v4.new_output("stream", name="stdout", text=result.stdout))
            for figure in result.figures:
                png = base64.b64encode(figure.read_bytes()).decode()
                cell.outputs.append(nbformat.v4.new_output("display_data", data={"image/png": png, "text/plain": "<Figure>"}))
        cell.metadata["snippet"] = snippet.rel
        cells.append(cell)
        pos = m.end()
    rest = page[pos:].strip()
    if rest:
        cells.append(nbformat.v4.new_markdown_cell(_markdown(rest)))
    for i, cell in enumerate(cells):
        cell.id = f"cell-{i}"  # nbformat picks random ids; stable ones keep unchanged notebooks byte-identical
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def write_all(days: list[Day], results: dict[Snippet, Result], out_dir: Path) -> list[Path]:
    """Write every notebook, touching a file only when its content changed (so `mkdocs serve` settles)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for day in days:
        for fw in FRAMEWORKS:
            path = out_dir / notebook_name(day, fw)
            text = nbformat.writes(build(day, fw, results))
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
            written.append(path)
    return written
