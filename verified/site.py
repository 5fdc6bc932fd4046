"""Turn day pages into what the site shows: each snippet's cells in tabs, every cell with its own verified output.

Everything here is a plain function of (page markdown, results, the list of days), so that the expansion does
not depend on MkDocs (verified/mkdocs_hooks.py calls it) and a move to another site generator stays cheap.

Also the safe build entry point: ``python -m verified.site build [-d DIR]`` builds into a temporary folder and
moves it into place only when the strict build succeeded, so a failed build never leaves a site behind.
"""
from __future__ import annotations

import argparse
import hashlib
import html
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import printed
from .days import FRAMEWORKS, PARTS, ROOT, TWINS_RE, Day, Snippet, find_days, parse_includes
from .runner import Figure, Result, read_result

FIGURE_DIR = "figures"  # in the built site: figures/<result key>-<n>.png
GPU_RESULTS = "gpu-results"  # in the repository: a GPU job's cache folders, one per GPU-only snippet
LIBRARIES = [("TensorFlow", ("tensorflow-cpu", "tensorflow")), ("PyTorch", ("torch",)), ("Python", ("python",))]
DEFAULT_REF = "main"


# -- what the build knows ---------------------------------------------------------------------------------------

@dataclass
class Context:
    """What a page expansion needs besides its markdown."""
    results: dict  # Snippet -> Result of this build (run here, or taken from the cache)
    gpu_results: dict = field(default_factory=dict)  # Snippet -> Result of a recorded GPU run (gpu-results/)
    gpu_unverified: dict = field(default_factory=dict)  # Snippet -> why no GPU run of it is recorded, when known
    pages: dict = field(default_factory=dict)  # day number -> page path in docs ("days/001-tensors.md")
    repo_url: str | None = None  # https://github.com/owner/name, or None: link the copies this site publishes
    repo_ref: str = DEFAULT_REF

    def result(self, snippet: Snippet) -> tuple[Result | None, bool]:
        """(result, from a GPU run recorded in gpu-results/)."""
        if snippet in self.results:
            return self.results[snippet], False
        if snippet in self.gpu_results:
            return self.gpu_results[snippet], True
        return None, False


def repo_url() -> str | None:
    """The repository's address from the environment (REPO_URL, as SITE_URL for the site), or None."""
    url = os.environ.get("REPO_URL", "").strip().rstrip("/")
    return url or None


def context(results: dict, days: list[Day], root: Path = ROOT) -> Context:
    gpu, why = {}, {}
    listed = root / GPU_RESULTS / "unverified.json"
    reasons = json.loads(listed.read_text(encoding="utf-8")) if listed.exists() else {}
    for day in days:
        for s in day.snippets():
            if s not in results and "gpu" in s.pragmas and (r := load_gpu_result(s, root)):
                gpu[s] = r
            elif "gpu" in s.pragmas and s.rel in reasons:
                why[s] = reasons[s.rel]
    return Context(results, gpu, why, {d.number: f"days/{d.page.name}" for d in days if d.page},
                   repo_url(), os.environ.get("REPO_REF", "").strip() or DEFAULT_REF)


def load_gpu_result(snippet: Snippet, root: Path = ROOT) -> Result | None:
    """The result a GPU job recorded for a GPU-only snippet: gpu-results/<snippets__NNN_slug__name.py>/, a copy
    of the runner's cache folder (meta.json, stdout.txt, fig-N.png) plus source.py, the snippet as it ran, and
    gpu.json, the machine (GPU, driver, CUDA), merged into the result's versions.
    None when there is none, or when the snippet has changed since (a stale output is never shown)."""
    folder = root / GPU_RESULTS / snippet.rel.replace("/", "__")
    meta = folder / "meta.json"
    source = folder / "source.py"
    if not meta.exists() or not source.exists() or source.read_bytes() != snippet.path.read_bytes():
        return None
    result = read_result(snippet, folder)
    result.key = "gpu-" + hashlib.sha256(snippet.rel.encode() + meta.read_bytes()).hexdigest()[:16]
    if (machine := folder / "gpu.json").exists():
        result.versions = {**result.versions, **json.loads(machine.read_text(encoding="utf-8"))}
    return result


def gpu_text(result: Result) -> str:
    """'NVIDIA H200; PyTorch 2.11.0, CUDA 13.0, driver 580.1': the machine and versions of a recorded GPU run."""
    v = result.versions
    libraries = versions_text([result])
    machine = ", ".join(f"{label} {v[key]}" for label, key in (("CUDA", "cuda"), ("driver", "driver")) if v.get(key))
    return "; ".join(part for part in (v.get("gpu", ""), ", ".join(p for p in (libraries, machine) if p)) if part)


# -- small pieces -----------------------------------------------------------------------------------------------

def fence(text: str) -> str:
    """A backtick fence longer than any run of backticks in the text."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def figure_uri(result: Result, figure: Path) -> str:
    return f"{FIGURE_DIR}/{result.key}-{figure.stem.split('-')[1]}.png"


def png_size(path: Path) -> tuple[int, int]:
    """(width, height) in pixels, from the PNG header."""
    head = path.read_bytes()[:24]
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


def day_of_date(stamp: str) -> str:
    """'2026-11-30 08:12 UTC' -> '2026-11-30'."""
    return stamp.split()[0] if stamp else stamp


def _escape_md(text: str) -> str:
    """Plain text that Markdown shows as it is (figure titles: underscores, brackets, stars)."""
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)


def indent(text: str, by: str = "    ") -> str:
    return "\n".join((by + line) if line else "" for line in text.split("\n"))


def source_link(snippet: Snippet, ctx: Context, depth: int) -> str:
    """The snippet's file in the repository, or (no REPO_URL) the copy this site publishes beside its pages."""
    if ctx.repo_url:
        return f"{ctx.repo_url}/blob/{ctx.repo_ref}/{snippet.rel}"
    return "../" * depth + snippet.rel


def versions_text(results: list[Result]) -> str:
    versions = results[0].versions if results else {}
    names = []
    for label, keys in LIBRARIES:
        version = next((versions[k] for k in keys if k in versions), None)
        if version:
            names.append(f"{label} {version}")
    return ", ".join(names)


# -- the cells of one include -----------------------------------------------------------------------------------

def figure_markdown(snippet: Snippet, result: Result, figure: Figure, number: int, up: str,
                    pages: dict | None = None) -> str:
    """A figure at half its pixel width (the PNGs are drawn at 2x), lazy-loaded, captioned with its title."""
    width, height = png_size(figure.path)
    here = "days/page.md"  # captions sit on a day page: 'day N' links are relative to docs/days/
    title = " ".join(figure.title.split())
    text = title or f"figure {number} of {snippet.path.name}, cell {figure.cell}"
    alt = f"Figure: {text}".replace("[", "(").replace("]", ")").replace("\\", "/")
    return (f"![{alt}]({up}{figure_uri(result, figure.path)})"
            f"{{ .verified-figure loading=lazy width={max(1, width // 2)} height={max(1, height // 2)} }}\n"
            f"/// caption\n{link_days(_escape_md(text[0].upper() + text[1:]), pages or {}, here)}\n///")


def cells_markdown(snippet: Snippet, wanted: range, ctx: Context, depth: int, last: bool) -> str:
    """One tab's content for one include: each wanted cell's code, its output and figures; under the last include
    of the pair, the run line, the source link and the whole script."""
    result, on_gpu = ctx.result(snippet)
    cells = snippet.cells()
    up = "../" * depth
    parts = []
    if result is None:  # only a "# verified: gpu" snippet may lack a result (the hooks check)
        why = ctx.gpu_unverified.get(snippet)
        parts.append('!!! info "Not yet verified on a GPU"\n    This snippet needs a GPU, and no GPU run of it has '
                     "been recorded yet" + (f" ({_escape_md(why)})" if why else "")
                     + ", so the page shows its code without output.")
    figure_number = {id(f): n for n, f in enumerate(result.figure_info, 1)} if result else {}
    for i in wanted:
        cell = cells[i - 1]
        code = cell.code.rstrip("\n")
        f1 = fence(code)
        name = cell.title.replace('"', "'")
        title = f"{snippet.path.name} · {name}" if name else (snippet.path.name if i == wanted[0] else "")
        header = f'{f1}python title="{title}"' if title else f"{f1}python"
        parts.append(f"{header}\n{code}\n{f1}")
        if result is None or i > len(result.cells):
            continue
        out = result.cells[i - 1].stdout.rstrip("\n")
        if out.strip():
            f2 = fence(out)
            label = f"Output · GPU run of {day_of_date(result.date)}" if on_gpu else "Output"
            parts.append(f'{f2} {{ .text .verified-output title="{label}" }}\n{out}\n{f2}')
        for figure in result.cells[i - 1].figures:
            parts.append(figure_markdown(snippet, result, figure, figure_number.get(id(figure), 0), up, ctx.pages))
    if last:
        link = source_link(snippet, ctx, depth)
        if result is None:
            run = f"Not yet verified on a GPU · [source: {snippet.path.name}]({link})"
        elif on_gpu:
            run = (f"Ran on a GPU ({_escape_md(gpu_text(result))}) in {result.seconds:.2f} s "
                   "(snippet body; imports not counted) · "
                   f"GPU run of {day_of_date(result.date)} · [source: {snippet.path.name}]({link})")
        else:
            run = (f"Ran in {result.seconds:.2f} s (snippet body; imports not counted) · "
                   f"verified {day_of_date(result.date)} · [source: {snippet.path.name}]({link})")
        parts.append(f"{run}\n{{: .verified-run }}")
        whole = snippet.path.read_text(encoding="utf-8").rstrip("\n")
        f3 = fence(whole)
        parts.append(f'??? verified-script "Whole script · {snippet.path.name} '
                     f'({len(whole.splitlines())} lines)"\n\n' + indent(f"{f3}python\n{whole}\n{f3}"))
    return "\n\n".join(parts)


def include_markdown(day: Day, name: str, wanted_of, ctx: Context, depth: int, last: bool) -> str:
    """The two tabs (TensorFlow, then PyTorch: linked site-wide by their labels) of one include."""
    blocks = []
    for fw, label in FRAMEWORKS.items():
        snippet = next(s for s in day.snippets() if s.name == name and s.framework == fw)
        body = cells_markdown(snippet, wanted_of(snippet), ctx, depth, last)
        # `===!` starts a new tab set, so two includes in a row stay two sets of two linked tabs
        marker = "===!" if fw == "tf" else "==="
        blocks.append(f'{marker} "{label}"\n\n' + indent(body))
    return "\n\n".join(blocks)


# -- the banner -------------------------------------------------------------------------------------------------

def banner(day: Day, ctx: Context) -> str:
    """The line under the title: what ran on this build and what did not, by name."""
    snippets = [s for name in day.includes() for s in day.snippets() if s.name == name]
    ran = [s for s in snippets if s in ctx.results]
    on_gpu = [s for s in snippets if s not in ctx.results and s in ctx.gpu_results]
    pending = [s for s in snippets if s not in ctx.results and s not in ctx.gpu_results]
    names = lambda group: ", ".join(f"<code>{html.escape(s.path.name)}</code>" for s in group)  # noqa: E731
    sentences = []
    if ran:
        results = [ctx.results[s] for s in ran]
        date = day_of_date(max(r.date for r in results))
        count = f"all {len(ran)} snippets" if len(ran) == len(snippets) else f"{len(ran)} of {len(snippets)} snippets"
        if len(ran) == 1 == len(snippets):
            count = "its one snippet"
        sentences.append(f"Verified on this build: {count} ran and passed ({versions_text(results)} · {date}): "
                         f"{names(ran)}.")
    else:
        sentences.append(f"None of the {len(snippets)} snippets on this page ran on this build.")
    if on_gpu:
        dates = sorted({day_of_date(ctx.gpu_results[s].date) for s in on_gpu})
        machines = sorted({html.escape(gpu_text(ctx.gpu_results[s])) for s in on_gpu})
        sentences.append(f"{len(on_gpu)} need{'s' if len(on_gpu) == 1 else ''} a GPU and "
                         f"{'was' if len(on_gpu) == 1 else 'were'} last verified on one on {', '.join(dates)} "
                         f"({' / '.join(machines)}; its output is that run's): {names(on_gpu)}.")
    if pending:
        why = sorted({html.escape(ctx.gpu_unverified[s]) for s in pending if s in ctx.gpu_unverified})
        sentences.append(f"{len(pending)} need{'s' if len(pending) == 1 else ''} a GPU and "
                         f"{'has' if len(pending) == 1 else 'have'} not been verified on one yet: {names(pending)}"
                         + (f" ({'; '.join(why)})" if why else "") + ".")
    return '<p class="verified-line">' + " ".join(sentences) + "</p>"


def notebook_links(day: Day, depth: int) -> str:
    """Links to the day's notebooks: the rendered page, and the .ipynb that mkdocs-jupyter publishes beside it."""
    links = []
    for fw, label in FRAMEWORKS.items():
        stem = f"{day.stem}-{fw}"
        # the page's own URL (days/NNN-slug/) is one level deeper than its source file
        download = f"{'../' * (depth + 1)}notebooks/{stem}/{stem}.ipynb"
        links.append(f'{label}: [view]({"../" * depth}notebooks/{stem}.ipynb) · '
                     f'<a href="{download}" download>download .ipynb</a>')
    return '<p class="verified-line verified-notebooks" markdown>Notebooks · ' + " · ".join(links) + "</p>"


# -- "day N" links ----------------------------------------------------------------------------------------------

# What is not prose: code, links, HTML, math, headings, block titles, template tags. Day references there stay.
_PROTECTED = re.compile("|".join([
    r"^[ \t]*(?P<f>`{3,}|~{3,})[^\n]*\n.*?^[ \t]*(?P=f)[ \t]*$",  # fenced code
    r"(?P<b>`+)(?:(?!(?P=b)).)+?(?P=b)",  # inline code
    r"!?\[(?:[^\[\]]|\[[^\]]*\])*\](?:\([^)]*\)|\[[^\]]*\])",  # links and images
    r"^[ \t]*\[[^\]]+\]:[^\n]*$",  # link reference definitions
    r"<a\b.*?</a>", r"<!--.*?-->", r"<[^>\n]+>",  # HTML
    r"\\\(.*?\\\)", r"\\\[.*?\\\]", r"\$\$.*?\$\$",  # math
    r"^[ \t]*#{1,6}[ \t][^\n]*$",  # headings
    r"^[ \t]*===[ \t][^\n]*$",  # tab titles (admonition titles are prose: their day references link)
    r"\{\{[^\n]*?\}\}|\{%[^\n]*?%\}",  # template tags
    r"https?://\S+",
]), re.M | re.S)
# "day 3", "Day 3's", "days 3 and 5", "days 3, 5 and 7", "days 11–20"
DAY_REF = re.compile(r"\b(?P<word>[Dd]ay)(?P<plural>s?)(?P<space>[ \u00a0]+)(?P<first>\d{1,3})\b"
                     r"(?P<rest>(?:[ \u00a0]*(?:,|–|—|-|\band\b|\bor\b|\bto\b)[ \u00a0]*\d{1,3}\b)*)")


def link_days(markdown: str, pages: dict, here: str) -> str:
    """Every 'day N' in the prose becomes a link to day N's page when that day exists (plain text otherwise).
    pages: day number -> page path in docs; here: this page's path in docs (links are relative .md links, which
    the build checks)."""
    base = posixpath.dirname(here)

    def target(n: int) -> str | None:
        return posixpath.relpath(pages[n], base or ".") if n in pages else None

    def one(m: re.Match) -> str:
        plural = m.group("plural")
        rest = m.group("rest") if plural else ""
        first = int(m.group("first"))
        word = m.group("word") + plural + m.group("space")
        if not plural:
            link = target(first)
            tail = m.group(0)[len(m.group("word")) + len(m.group("space")) + len(m.group("first")):]
            return (f"[{m.group('word')}{m.group('space')}{first}]({link})" if link
                    else f"{m.group('word')}{m.group('space')}{first}") + tail
        # several days: each number links to its own day
        numbered = m.group("first") + rest
        out = re.sub(r"\d{1,3}", lambda d: f"[{d.group(0)}]({target(int(d.group(0)))})"
                     if target(int(d.group(0))) else d.group(0), numbered)
        return word + out + m.group(0)[len(word) + len(numbered):]

    pieces, pos = [], 0
    for m in _PROTECTED.finditer(markdown):
        pieces.append(DAY_REF.sub(one, markdown[pos:m.start()]))
        pieces.append(m.group(0))
        pos = m.end()
    pieces.append(DAY_REF.sub(one, markdown[pos:]))
    return "".join(pieces)


# -- a whole page -----------------------------------------------------------------------------------------------

def day_title(day: Day, title: str) -> str:
    """'Day N · Title', without doubling a prefix the page already has."""
    title = title.strip()
    if re.match(rf"^Day {day.number}\b", title):
        return title
    return f"Day {day.number} · {title}"


def plain_title(day: Day) -> str:
    """The page's own title without any 'Day N ·' prefix."""
    return re.sub(rf"^Day {day.number}\s*[·:\-–—]\s*", "", day.title())


def expand_page(markdown: str, day: Day, ctx: Context, depth: int) -> str:
    """The page as the site shows it: 'day N' linked, each include line replaced by its tabs of cells, the
    title prefixed with 'Day N ·', and the banner and notebook links under it."""
    markdown = printed.fill(markdown, printed.outputs_of(day, lambda s: ctx.result(s)[0]), f"docs/days/{day.page.name}")
    markdown = link_days(markdown, ctx.pages, f"days/{day.page.name}")
    includes = parse_includes(markdown)
    last_line = {inc.name: inc.line for inc in includes}  # the run line and whole script go under the last one
    counts = {}
    lines = markdown.split("\n")
    for inc in reversed(includes):  # bottom up, so earlier line numbers stay right
        m = TWINS_RE.match(lines[inc.line - 1])
        pad = m.group(1) if m else ""
        text = include_markdown(day, inc.name, lambda s, inc=inc: inc.cells(counts.setdefault(s, len(s.cells()))),
                                ctx, depth, last=inc.line == last_line[inc.name])
        lines[inc.line - 1] = indent(text, pad) if pad else text
    markdown = "\n".join(lines)
    header = banner(day, ctx) + "\n\n" + notebook_links(day, depth)
    return re.sub(r"^# (.+)$", lambda m: "# " + day_title(day, m.group(1)) + "\n\n" + header, markdown,
                  count=1, flags=re.M)


# -- site-wide pages --------------------------------------------------------------------------------------------

def nav(root: Path, extra: list) -> list:
    """Home, the days grouped by part, then the reference pages: built from the files, never by hand."""
    days = [d for d in find_days(root) if d.page]
    items: list = [{"Home": "index.md"}]
    for first, last, title in PARTS:
        in_part = [{day_title(d, plain_title(d)): f"days/{d.page.name}"} for d in days if first <= d.number <= last]
        if in_part:
            items.append({title: in_part})
    items.append({"Reference": extra})
    return items


def parts_markdown(days: list[Day], depth: int) -> str:
    """The home page's list of parts: each written part links its days; what is not written yet says so."""
    up = "../" * depth
    written = {d.number: d for d in days if d.page}
    out = []
    for n, (first, last, title) in enumerate(PARTS, 1):
        name = title.split(" · ", 1)[1]
        have = [written[k] for k in range(first, last + 1) if k in written]
        span = f"days {first}–{last}"
        if not have:
            out.append(f"{n}. **{name}** ({span}): to come")
            continue
        status = "" if len(have) == last - first + 1 else f"; {len(have)} of {last - first + 1} written"
        out.append(f"{n}. **[{name}]({up}days/{have[0].page.name})** ({span}{status})\n\n    "
                   + " · ".join(f"[{d.number} {plain_title(d)}]({up}days/{d.page.name})" for d in have)
                   + (f" · days {have[-1].number + 1}–{last} to come" if have[-1].number < last else ""))
    return "\n\n".join(out)


def verification_markdown(days: list[Day], ctx: Context, depth: int) -> str:
    """The Verification page's summary and table: every pair, what ran on this build, and what did not."""
    rows = ["| day | snippet | TensorFlow | PyTorch | status |", "|---|---|---|---|---|"]
    ran = total = 0
    gpu_names, pending_names = [], []
    for day in days:
        for name in day.includes():
            pair = {s.framework: s for s in day.snippets() if s.name == name}
            link = f"[{day.number}]({'../' * depth}days/{day.page.name})"
            cells, statuses = [], []
            for fw in FRAMEWORKS:
                total += 1
                result, on_gpu = ctx.result(pair[fw])
                if result is None:
                    pending_names.append(f"`{pair[fw].rel}`")
                    cells.append("—")
                    why = ctx.gpu_unverified.get(pair[fw])
                    statuses.append(f"{FRAMEWORKS[fw]}: needs a GPU, not yet verified on one"
                                    + (f" ({_escape_md(why)})" if why else ""))
                elif on_gpu:
                    gpu_names.append(f"`{pair[fw].rel}` ({day_of_date(result.date)})")
                    cells.append(f"{result.seconds:.2f} s (GPU)")
                    statuses.append(f"{FRAMEWORKS[fw]}: GPU run of {day_of_date(result.date)} on "
                                    f"{_escape_md(result.versions.get('gpu', 'a GPU'))}")
                else:
                    ran += 1
                    cells.append(f"{result.seconds:.2f} s")
                    statuses.append(f"passed {day_of_date(result.date)}")
            status = statuses[0] if len(set(statuses)) == 1 else "; ".join(statuses)
            rows.append(f"| {link} | `{name}` | {cells[0]} | {cells[1]} | {status} |")
    summary = [f"On this build, {ran} of {total} snippets ran and passed."]
    if gpu_names:
        summary.append(f"{len(gpu_names)} need{'s' * (len(gpu_names) == 1)} a GPU and "
                       f"show{'s' * (len(gpu_names) == 1)} the output of the last recorded GPU run: "
                       + ", ".join(gpu_names) + ".")
    if pending_names:
        summary.append(f"{len(pending_names)} need{'s' * (len(pending_names) == 1)} a GPU and "
                       f"{'has' if len(pending_names) == 1 else 'have'} not been verified on one yet, so "
                       "the page shows the code without output and says so: " + ", ".join(pending_names) + ".")
    return " ".join(summary) + "\n\n" + "\n".join(rows)


# -- build integrity --------------------------------------------------------------------------------------------

LEFTOVER_RE = re.compile(r"\{\{|\{%")


def leftover_tags(page_html: str) -> list[str]:
    """Template tags left in a built page's text (code and preformatted blocks excepted): each with context."""
    text = re.sub(r"<(pre|code|script|style)\b.*?</\1>", " ", page_html, flags=re.S | re.I)
    found = []
    for m in LEFTOVER_RE.finditer(text):
        found.append(" ".join(re.sub(r"<[^>]+>", " ", text[max(0, m.start() - 40):m.end() + 60]).split()))
    return found


def exclude_from_search(page_html: str) -> str:
    """Code blocks, outputs, whole scripts, tab labels and the banner stay out of the search index (Material's
    search skips elements marked data-search-exclude): a result preview starts with the lesson."""

    def mark(m: re.Match) -> str:
        tag = m.group(0)
        classes = set(re.search(r'class="([^"]*)"', tag).group(1).split())
        if classes & SEARCH_EXCLUDED and "data-search-exclude" not in tag:
            return tag[:-1].rstrip("/").rstrip() + " data-search-exclude>"
        return tag

    return re.sub(r'<(?:div|details|p|table)\s[^>]*\bclass="[^"]*"[^>]*>', mark, page_html)


# (div.arithmatex is display math: TeX source makes poor search terms and previews; inline math stays, so that
# sentences read whole in a preview)
SEARCH_EXCLUDED = {"highlight", "verified-output", "verified-script", "tabbed-labels", "verified-line",
                   "verified-notebooks", "verified-run", "highlighttable", "arithmatex"}


def without_excluded(page_html: str) -> str:
    """The page without the blocks marked data-search-exclude: what the search plugin indexes anyway, given to it
    instead of the whole page so it does not parse every highlighted token of the code (most of a build's time).
    The marked blocks hold no nested blocks of their own tag (code, outputs, labels, math, the banner), except the
    whole-script details, removed first."""
    for tag in ("details", "div", "p"):
        page_html = re.sub(rf"<{tag}\b[^>]*\bdata-search-exclude\b[^>]*>.*?</{tag}>", "", page_html, flags=re.S)
    return page_html


# -- building safely --------------------------------------------------------------------------------------------

def build(dest: Path, root: Path = ROOT, extra: list | None = None) -> int:
    """`mkdocs build --strict` into a temporary folder beside dest, moved into place only on success.
    A failed build leaves no site behind: the previous one is removed too, so nothing stale is published."""
    dest = Path(dest).resolve()
    dest.parent.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(prefix=f".{dest.name}-building-", dir=dest.parent))
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    code = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(temp), *(extra or [])],
                          cwd=root, env=env).returncode
    if code != 0:
        shutil.rmtree(temp, ignore_errors=True)
        if dest.exists():
            shutil.rmtree(dest)
            print(f"build failed: removed {dest} too, so no stale site can be published", file=sys.stderr)
        return code
    if dest.exists():
        old = dest.with_name(f".{dest.name}-old-{os.getpid()}")
        os.rename(dest, old)
        os.rename(temp, dest)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(temp, dest)
    print(f"built {dest}", file=sys.stderr)
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m verified.site")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="strict build into a temporary folder, moved into place only on success")
    b.add_argument("-d", "--site-dir", default=str(ROOT / "site"))
    args = parser.parse_args(argv)
    return build(Path(args.site_dir))


if __name__ == "__main__":
    sys.exit(main())
