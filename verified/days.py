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

ROOT = Path(os.environ.get("VERIFIED_ROOT") or Path(__file__).resolve().parent.parent).resolve()

FRAMEWORKS = {"tf": "TensorFlow", "torch": "PyTorch"}  # tab order everywhere
PAGE_RE = re.compile(r"^(\d{3})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$")
SNIPPET_RE = re.compile(r"^([a-z0-9]+(?:_[a-z0-9]+)*)_(tf|torch)\.py$")
TWINS_RE = re.compile(r"""^( *)\{\{\s*twins\(\s*["']([a-z0-9_]+)["']\s*\)\s*\}\}\s*$""", re.M)
TAB_RE = re.compile(r'^ *=== "(TensorFlow|PyTorch)"', re.M)
# design.md: every page has the same skeleton (level-2 headings, in this order).
SKELETON = ["What today is about", "The idea", "The code", "What to notice", "Common pitfalls", "Exercises",
            "Further reading"]
MAX_LINES = 80  # design.md: aim for under 40 lines, never over 80
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
        """Names of the twin pairs the page includes, in page order."""
        if not self.page:
            return []
        return [m.group(2) for m in TWINS_RE.finditer(self.page.read_text(encoding="utf-8"))]


def read_snippet(path: Path, day: int, name: str, framework: str) -> Snippet:
    text = path.read_text(encoding="utf-8")
    pragmas = set()
    for m in PRAGMA_RE.finditer(text):
        pragmas.update(p.strip() for p in m.group(1).split(",") if p.strip())
    return Snippet(path.resolve(), day, name, framework, frozenset(pragmas))


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
        includes = day.includes()
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
