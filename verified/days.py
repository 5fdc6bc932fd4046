"""Find the days of the site, their pages and their snippets, and check the contract.

A day is a page ``docs/days/NNN-slug.md`` and a folder ``snippets/NNN_slug/``
holding twins ``<what>_tf.py`` and ``<what>_torch.py``. Every check here takes
the project root, so the harness tests can plant faults in a scratch tree.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import settings

ROOT = Path(os.environ.get("VERIFIED_ROOT") or Path(__file__).resolve().parent.parent).resolve()

FRAMEWORKS = {"tf": "TensorFlow", "torch": "PyTorch"}  # tab order everywhere
PAGE_RE = re.compile(r"^(\d{3})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$")
SNIPPET_RE = re.compile(r"^([a-z0-9]+(?:_[a-z0-9]+)*)_(tf|torch)\.py$")
# {{ twins("train") }} shows every cell of the pair; {{ twins("train", cells="2-3") }} a range (1-based, inclusive).
TWINS_RE = re.compile(r"""^( *)\{\{\s*twins\(\s*["']([a-z0-9_]+)["']\s*(?:,\s*cells\s*=\s*["'](\d+)(?:-(\d+))?["']\s*)?\)\s*\}\}\s*$""",
                      re.M)
# Anything that looks like a template tag: what TWINS_RE does not accept is a typo that would be published raw.
from .printed import MARKER  # noqa: E402  (a printed number in the prose)
TAG_RE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
CELL_RE = re.compile(r"^# %%(.*)$")  # the percent format of jupytext, VS Code, PyCharm and Spyder
MAX_WIDTH = 80  # characters per code line and per printed output line
MAX_CELL_LINES = 20  # design.md: a cell is about 3-15 lines
TAB_RE = re.compile(r'^ *=== "(TensorFlow|PyTorch)"', re.M)
# design.md: every page has the same skeleton (level-2 headings, in this order).
SKELETON = ["What today is about", "The idea", "The code", "What to notice", "Common pitfalls", "Exercises",
            "Further reading"]
MAX_LINES = 100  # a whole snippet, cell markers included
PRAGMA_RE = re.compile(r"^# verified: ([a-z, ]+)$", re.M)

# The ten parts of the curriculum (shared/curriculum.md): first day, last day, title.
PARTS = [
    (1, 10, "Part 1 · Tensors, gradients and linear models"),
    (11, 20, "Part 2 · Losses and optimization"),
    (21, 30, "Part 3 · Generalization and practical training"),
    (31, 45, "Part 4 · Convolutional networks"),
    (46, 60, "Part 5 · Sequence models"),
    (61, 72, "Part 6 · Embeddings and attention"),
    (73, 82, "Part 7 · Transformers and pretraining"),
    (83, 88, "Part 8 · Training at scale"),
    (89, 96, "Part 9 · Generative and self-supervised models"),
    (97, 100, "Part 10 · Beyond"),
]


@dataclass(frozen=True)
class Snippet:
    path: Path  # absolute
    day: int
    name: str  # "basics" for basics_tf.py
    framework: str  # "tf" or "torch"
    pragmas: frozenset = field(default_factory=frozenset)  # from "# verified: gpu, slow"

    @property
    def label(self) -> str:
        return FRAMEWORKS[self.framework]

    @property
    def rel(self) -> str:
        """Path as a reader sees it: snippets/001_tensors/basics_tf.py."""
        return f"{self.path.parent.parent.name}/{self.path.parent.name}/{self.path.name}"

    @property
    def id(self) -> str:
        return f"{self.path.parent.name}/{self.path.name}"

    def describe(self) -> str:
        return f"{self.rel} (day {self.day}, {self.label})"

    def cells(self) -> list[Cell]:
        return split_cells(self.path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Cell:
    """One cell of a snippet: the code between two `# %%` lines."""
    index: int  # 1-based
    title: str  # the text after `# %%`, if any
    code: str  # without the marker line, blank lines at either end removed
    first_line: int  # 1-based line number in the file where `text` starts
    text: str  # the cell's lines as they are in the file (from first_line), run with the right line numbers


def split_cells(text: str) -> list[Cell]:
    """Cells of a snippet, split at `# %%` lines. Lines before the first marker join the first cell when they
    are only comments (a pragma, a header), and form a cell of their own when they hold code."""
    lines = text.splitlines()
    starts = [i for i, l in enumerate(lines) if CELL_RE.match(l)]
    spans = []  # (title, first line index of the raw text, end, lines shown)
    if not starts:
        spans.append(("", 0, len(lines), lines))
    for n, i in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        spans.append((CELL_RE.match(lines[i]).group(1).strip(), i + 1, end, lines[i + 1:end]))
    head = lines[:starts[0]] if starts else []
    if any(l.strip() for l in head):
        if all(not l.strip() or l.lstrip().startswith("#") for l in head):  # comments only: part of cell 1
            title, _, end, shown = spans[0]
            spans[0] = (title, 0, end, head + shown)
        else:
            spans.insert(0, ("", 0, starts[0], head))
    cells = []
    for title, first, end, shown in spans:
        code = "\n".join(shown).strip("\n")
        if code.strip() or not cells:
            cells.append(Cell(len(cells) + 1, title, code, first + 1, "\n".join(lines[first:end]) + "\n"))
    return cells


@dataclass(frozen=True)
class Include:
    """One {{ twins(...) }} line of a page: a pair and the range of its cells it shows."""
    name: str
    first: int | None  # 1-based cell numbers, inclusive; None for every cell
    last: int | None
    line: int  # line number in the page

    def cells(self, count: int) -> range:
        if self.first is None:
            return range(1, count + 1)
        return range(self.first, (self.last or self.first) + 1)


def parse_includes(text: str) -> list[Include]:
    found = []
    for m in TWINS_RE.finditer(text):
        first = int(m.group(3)) if m.group(3) else None
        last = int(m.group(4)) if m.group(4) else first
        found.append(Include(m.group(2), first, last, text.count("\n", 0, m.start()) + 1))
    return found


@dataclass
class Day:
    number: int
    slug: str
    page: Path | None
    folder: Path | None

    @property
    def stem(self) -> str:
        return f"{self.number:03d}-{self.slug}"

    def title(self) -> str:
        if self.page and self.page.exists():
            m = re.search(r"^# (.+)$", self.page.read_text(encoding="utf-8"), re.M)
            if m:
                return m.group(1).strip()
        return self.slug.replace("-", " ").capitalize()

    def snippets(self) -> list[Snippet]:
        if not self.folder:
            return []
        found = []
        for path in sorted(self.folder.glob("*.py")):
            m = SNIPPET_RE.match(path.name)
            if m:
                found.append(read_snippet(path, self.number, m.group(1), m.group(2)))
        return found

    def includes(self) -> list[str]:
        """Names of the twin pairs the page includes, in page order, each once."""
        return list(dict.fromkeys(i.name for i in self.include_lines()))

    def include_lines(self) -> list[Include]:
        """Every {{ twins(...) }} line of the page, in page order."""
        if not self.page:
            return []
        return parse_includes(self.page.read_text(encoding="utf-8"))


def read_snippet(path: Path, day: int, name: str, framework: str) -> Snippet:
    text = path.read_text(encoding="utf-8")
    pragmas = set()
    for m in PRAGMA_RE.finditer(text):
        pragmas.update(p.strip() for p in m.group(1).split(",") if p.strip())
    return Snippet(path.resolve(), day, name, framework, frozenset(pragmas))


def front_matter(text: str) -> tuple[dict, str, int]:
    """(front matter, the rest of the page, how many lines the front matter took)."""
    import yaml

    m = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    if not m:
        return {}, text, 0
    return yaml.safe_load(m.group(1)) or {}, text[m.end():], m.group(0).count("\n")


def part_of(day: int) -> str:
    for first, last, title in PARTS:
        if first <= day <= last:
            return title
    raise ValueError(f"day {day} is outside the 100 days")


def find_days(root: Path = ROOT) -> list[Day]:
    """Every day that has a page or a snippet folder, by number."""
    days: dict[int, Day] = {}
    pages_dir, snippets_dir = root / "docs" / "days", root / "snippets"
    if pages_dir.is_dir():
        for page in sorted(pages_dir.glob("*.md")):
            m = PAGE_RE.match(page.name)
            if m:
                n = int(m.group(1))
                days.setdefault(n, Day(n, m.group(2), None, None)).page = page
    if snippets_dir.is_dir():
        for folder in sorted(p for p in snippets_dir.iterdir() if p.is_dir()):
            m = re.match(r"^(\d{3})_", folder.name)
            if m:
                n = int(m.group(1))
                day = days.setdefault(n, Day(n, folder.name[4:].replace("_", "-"), None, None))
                day.folder = folder
    return [days[n] for n in sorted(days)]


def all_snippets(root: Path = ROOT) -> list[Snippet]:
    return [s for day in find_days(root) for s in day.snippets()]


def problems(root: Path = ROOT) -> list[str]:
    """Every way the tree breaks the day contract, one message each, naming the file."""
    out: list[str] = []
    pages_dir, snippets_dir = root / "docs" / "days", root / "snippets"
    if pages_dir.is_dir():
        for page in sorted(pages_dir.glob("*.md")):
            if not PAGE_RE.match(page.name):
                out.append(f"docs/days/{page.name}: a day page must be named NNN-slug.md (e.g. 001-tensors.md)")
    if snippets_dir.is_dir():
        for folder in sorted(p for p in snippets_dir.iterdir() if p.is_dir() and p.name != "__pycache__"):
            if not re.match(r"^\d{3}_[a-z0-9_]+$", folder.name):
                out.append(f"snippets/{folder.name}: a snippet folder must be named NNN_slug (e.g. 001_tensors)")
    days = find_days(root)
    expected = 1
    for day in days:
        where = f"day {day.number}"
        if day.number != expected:
            out.append(
                f"{where}: day numbers must run 1, 2, 3… without gaps; expected day {expected} next "
                f"({(day.page or day.folder).relative_to(root)})"
            )
            expected = day.number
        expected += 1
        if day.page is None:
            out.append(f"snippets/{day.folder.name} ({where}): no page docs/days/{day.stem}.md")
            continue
        page_rel = day.page.relative_to(root)
        if day.folder is None:
            out.append(f"{page_rel} ({where}): no snippet folder snippets/{day.stem.replace('-', '_')}/")
        elif day.folder.name != day.stem.replace("-", "_"):
            out.append(f"snippets/{day.folder.name} ({where}): folder must be named {day.stem.replace('-', '_')} to match {page_rel}")
        text = day.page.read_text(encoding="utf-8")
        if not re.search(r"^# .+", text, re.M):
            out.append(f"{page_rel} ({where}): the page needs a '# Title' heading")
        sections = re.findall(r"^## (.+?)\s*$", text, re.M)
        if sections != SKELETON:
            out.append(f"{page_rel} ({where}): sections must be exactly {SKELETON} in that order; found {sections}")
        snippets = day.snippets()
        names = {s.name for s in snippets}
        for s in snippets:
            lines = len(s.path.read_text(encoding="utf-8").splitlines())
            if lines > MAX_LINES:
                out.append(f"{s.describe()}: {lines} lines; a snippet is never over {MAX_LINES} (aim for 40)")
        for s in snippets:
            twin = "torch" if s.framework == "tf" else "tf"
            if not any(o.name == s.name and o.framework == twin for o in snippets):
                out.append(f"{s.describe()}: its twin {s.name}_{twin}.py ({FRAMEWORKS[twin]}) is missing")
        if day.folder:
            for path in sorted(day.folder.glob("*.py")):
                if not SNIPPET_RE.match(path.name):
                    out.append(f"snippets/{day.folder.name}/{path.name} ({where}): snippet files must be named <what>_tf.py or <what>_torch.py")
            declared = {str(d) for d in (front_matter(text)[0].get("data") or [])}
            for path in sorted(p for p in day.folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
                rel = str(path.relative_to(day.folder))
                if path.suffix != ".py" and rel not in declared:
                    out.append(f"snippets/{day.folder.name}/{rel} ({where}): a snippet folder holds only twins; "
                               f"declare a data file the snippets read under 'data:' in {page_rel}'s front matter")
        includes = day.includes()
        out.extend(_cell_problems(day, snippets, page_rel, where))
        out.extend(_tag_problems(text, page_rel, where))
        for name in includes:
            for fw in FRAMEWORKS:
                if not (day.folder and (day.folder / f"{name}_{fw}.py").exists()):
                    folder = day.folder.name if day.folder else day.stem.replace("-", "_")
                    out.append(f"{page_rel} ({where}): twins(\"{name}\") includes snippets/{folder}/{name}_{fw}.py, which does not exist")
        for name in sorted(names - set(includes)):
            out.append(f"snippets/{day.folder.name}/{name}_*.py ({where}): not shown by any page; add {{{{ twins(\"{name}\") }}}} to {page_rel}")
        if not includes:
            out.append(f"{page_rel} ({where}): the page shows no code; include a twin pair with {{{{ twins(\"name\") }}}}")
        tabs = TAB_RE.findall(text)
        pairs = list(zip(tabs[0::2], tabs[1::2]))
        if len(tabs) % 2 or any(p != ("TensorFlow", "PyTorch") for p in pairs):
            out.append(f"{page_rel} ({where}): hand-written tabs must come in pairs labelled exactly \"TensorFlow\" then \"PyTorch\"; found {tabs}")
        if not list((root / "tests" / "days").glob(f"test_{day.number:03d}_*.py")):
            out.append(f"{page_rel} ({where}): no claims test tests/days/test_{day.stem.replace('-', '_')}.py")
    return out


def _cell_problems(day: Day, snippets: list[Snippet], page_rel, where: str) -> list[str]:
    """Cells: lines that fit the page, cells of a readable length, twins with the same cells, and a page that
    shows every cell of every pair exactly once, in order."""
    out = []
    cells = {}
    for s in snippets:
        cells[s] = s.cells()
        for n, l in enumerate(s.path.read_text(encoding="utf-8").splitlines(), 1):
            if len(l) > MAX_WIDTH:
                out.append(f"{s.rel}:{n} ({where}, {s.label}): line of {len(l)} characters; code fits the page "
                           f"at {MAX_WIDTH} (ruff format --line-length {MAX_WIDTH} helps)")
        for c in cells[s]:
            length = len(c.code.splitlines())
            if length > MAX_CELL_LINES:
                out.append(f"{s.rel}:{c.first_line} ({where}, {s.label}): cell {c.index} has {length} lines; split "
                           f"it with '# %%' lines (a cell is about 3-15 lines, at most {MAX_CELL_LINES})")
    for s in snippets:
        if s.framework != "tf":
            continue
        twin = next((o for o in snippets if o.name == s.name and o.framework == "torch"), None)
        if twin is None:
            continue
        a, b = cells[s], cells[twin]
        if len(a) != len(b):
            out.append(f"snippets/{day.folder.name}/{s.name}_*.py ({where}): the twins have {len(a)} (TensorFlow) "
                       f"and {len(b)} (PyTorch) cells; twins have the same cells in the same order")
        elif [c.title for c in a] != [c.title for c in b]:
            out.append(f"snippets/{day.folder.name}/{s.name}_*.py ({where}): the twins' cell titles differ: "
                       f"{[c.title for c in a]} vs {[c.title for c in b]}")
        try:
            diffs = settings.differences(s.path.read_text(encoding="utf-8"), twin.path.read_text(encoding="utf-8"))
        except SyntaxError as error:
            diffs = [f"does not parse: {error}"]
        for d in diffs:
            out.append(f"snippets/{day.folder.name}/{s.name}_*.py ({where}): the twins' settings differ: {d}")
    shown: dict[str, list[int]] = {}
    for inc in day.include_lines():
        snippet = next((s for s in snippets if s.name == inc.name and s.framework == "tf"), None)
        if snippet is None:
            continue
        count = len(cells[snippet])
        wanted = inc.cells(count)
        if inc.first is not None and not (1 <= wanted.start <= wanted.stop - 1 <= count):
            out.append(f"{page_rel}:{inc.line} ({where}): twins(\"{inc.name}\") asks for cells "
                       f"{wanted.start}-{wanted.stop - 1}, but the pair has {count}")
            continue
        shown.setdefault(inc.name, []).extend(wanted)
    for name, numbers in shown.items():
        snippet = next(s for s in snippets if s.name == name and s.framework == "tf")
        if numbers != list(range(1, len(cells[snippet]) + 1)):
            out.append(f"{page_rel} ({where}): the includes of \"{name}\" show cells {numbers}; every cell must be "
                       f"shown once, in order (1-{len(cells[snippet])})")
    return out


def _tag_problems(text: str, page_rel, where: str) -> list[str]:
    """A template tag the expansion does not recognise would be published as raw text."""
    out = []
    fenced = re.sub(r"^(```+|~~~+).*?^\1", "", text, flags=re.M | re.S)  # tags inside code blocks are examples
    fenced = re.sub(r"`[^`\n]*`", "", fenced)
    for m in TAG_RE.finditer(fenced):
        line_start = fenced.rfind("\n", 0, m.start()) + 1
        line_end = fenced.find("\n", m.end())
        line = fenced[line_start:line_end if line_end >= 0 else None]
        if not TWINS_RE.fullmatch(line) and "{{ verification_table }}" not in line \
                and not MARKER.fullmatch(m.group(0)):
            out.append(f"{page_rel} ({where}): unrecognised template tag {m.group(0)!r}; an include is exactly "
                       f'{{{{ twins("name") }}}} or {{{{ twins("name", cells="2-3") }}}} on a line of its own, '
                       f'and a printed number is {{{{ name_tf "text before it" }}}} (verified/printed.py)')
    return out
