"""Turn day pages into what the site shows: twins in tabs with the output of their verified run."""
from __future__ import annotations

import re
from pathlib import Path

from .days import FRAMEWORKS, PARTS, TWINS_RE, Day, Snippet, find_days, part_of
from .runner import Result

FIGURE_DIR = "figures"  # in the built site: figures/<cache key>-<n>.png
LIBRARIES = [("TensorFlow", ("tensorflow-cpu", "tensorflow")), ("PyTorch", ("torch",)), ("Python", ("python",))]


def fence(text: str) -> str:
    """A backtick fence longer than any run of backticks in the text."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def figure_uri(result: Result, figure: Path) -> str:
    return f"{FIGURE_DIR}/{result.key}-{figure.stem.split('-')[1]}.png"


def snippet_block(snippet: Snippet, result: Result | None, depth: int) -> str:
    """The code of one twin, its output, figures and run time, as Markdown."""
    code = snippet.path.read_text(encoding="utf-8").rstrip("\n")
    f1 = fence(code)
    parts = [f'{f1}python title="{snippet.rel}"\n{code}\n{f1}']
    if result is None:  # only "# verified: gpu" snippets may lack a result (on_files checks)
        parts.append('!!! info "Needs a GPU"\n    This snippet runs only where a GPU is visible. The suite\'s GPU job '
                     "verifies it; the CPU build that publishes this page has no output to show for it.")
        return "\n\n".join(parts)
    out = result.stdout.rstrip("\n")
    f2 = fence(out)
    # Outputs stay out of the search index: it is fetched on every page, and numbers make poor search terms.
    parts.append(f'<div class="verified-output" data-search-exclude>\n\n{f2}text title="Output"\n{out}\n{f2}\n\n</div>')
    up = "../" * depth
    # Markdown with attr_list rather than raw HTML: inside a tab, raw HTML blocks are not parsed as blocks.
    for n, figure in enumerate(result.figures, 1):
        parts.append(f"![Figure {n} drawn by {snippet.path.name}]({up}{figure_uri(result, figure)})"
                     "{ .verified-figure }")
    parts.append(f"Ran in {result.seconds:.2f} s (snippet body; library imports not counted) · "
                 f"verified {result.date}\n{{: .verified-run }}")
    return "\n\n".join(parts)


def twins_markdown(day: Day, name: str, results: dict[Snippet, Result], depth: int) -> str:
    blocks = []
    for fw, label in FRAMEWORKS.items():
        snippet = next(s for s in day.snippets() if s.name == name and s.framework == fw)
        body = snippet_block(snippet, results.get(snippet), depth)
        blocks.append(f'=== "{label}"\n\n' + "\n".join(("    " + l) if l else "" for l in body.split("\n")))
    return "\n\n".join(blocks)


def verified_line(results: list[Result]) -> str:
    versions = results[0].versions
    names = []
    for label, keys in LIBRARIES:
        version = next((versions[k] for k in keys if k in versions), None)
        if version:
            names.append(f"{label} {version}")
    date = max(r.date for r in results)
    return (f'<p class="verified-line">Verified: every snippet on this page ran and passed its tests '
            f"with {', '.join(names)} · last run {date}</p>")


def expand_page(markdown: str, day: Day, results: dict[Snippet, Result], depth: int) -> str:
    """Replace each {{ twins("name") }} line with its tabs, and add the verified line under the title."""

    def replace(m: re.Match) -> str:
        indent = m.group(1)
        text = twins_markdown(day, m.group(2), results, depth)
        return "\n".join((indent + l) if l else "" for l in text.split("\n"))

    markdown = TWINS_RE.sub(replace, markdown)
    shown = [results[s] for s in day.snippets() if s in results]
    header = (verified_line(shown) + "\n\n" if shown else "") + notebook_links(day, depth)
    return re.sub(r"^(# .+)$", lambda m: m.group(1) + "\n\n" + header, markdown, count=1, flags=re.M)


def notebook_links(day: Day, depth: int) -> str:
    """Links to the day's notebooks: the rendered page, and the .ipynb that mkdocs-jupyter publishes beside it."""
    links = []
    for fw, label in FRAMEWORKS.items():
        stem = f"{day.stem}-{fw}"
        # the page's own URL (days/NNN-slug/) is one level deeper than its source file
        download = f"{'../' * (depth + 1)}notebooks/{stem}/{stem}.ipynb"
        links.append(f'{label}: [view]({"../" * depth}notebooks/{stem}.ipynb) · '
                     f'<a href="{download}" download>download .ipynb</a>')
    return '<p class="verified-line" markdown>Notebooks · ' + " · ".join(links) + "</p>"


def nav(root: Path, extra: list) -> list:
    """Home, the days grouped by part, then the reference pages: built from the files, never by hand."""
    days = [d for d in find_days(root) if d.page]
    items: list = [{"Home": "index.md"}]
    for first, last, title in PARTS:
        in_part = [{f"Day {d.number} · {d.title()}": f"days/{d.page.name}"} for d in days if first <= d.number <= last]
        if in_part:
            items.append({title: in_part})
    items.append({"Reference": extra})
    return items


def verification_table(days: list[Day], results: dict[Snippet, Result], depth: int) -> str:
    rows = ["| day | snippet | TensorFlow | PyTorch | faster | status |", "|---|---|---|---|---|---|"]
    for day in days:
        for name in day.includes():
            pair = {s.framework: results.get(s) for s in day.snippets() if s.name == name}
            tf, pt = pair.get("tf"), pair.get("torch")
            link = f"[{day.number}]({'../' * depth}days/{day.page.name})"
            if not (tf and pt):  # a "# verified: gpu" pair on a machine without one
                rows.append(f"| {link} | `{name}` | — | — | — | needs a GPU: run by the GPU job, not by this build |")
                continue
            faster = "TensorFlow" if tf.seconds < pt.seconds else "PyTorch"
            rows.append(f"| {link} | `{name}` | {tf.seconds:.2f} s | {pt.seconds:.2f} s | {faster} | "
                        f"passed {max(tf.date, pt.date)} |")
    return "\n".join(rows)
