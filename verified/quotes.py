"""Numbers a page quotes are bound to what its snippets printed.

Every number in the prose of a day page (math included) must be one of:
  (a) printed by a snippet of the day, at the precision quoted: "0.883" matches a printed 0.8834, "about 0.58"
      matches 0.5812, "1e-16" and "10^{-16}" match a printed 1.2e-16 by magnitude, "5,000" matches 5000, "12%"
      matches 0.12 or 12; the sign may differ ("falls by 0.3");
  (b) a literal in the day's snippet code (a setting the reader sees);
  (c) an integer from 0 to 10, a number right after "day", "days" or "Part", an exponent or subscript in math
      (x^{20}, W_1), or a number glued to letters (float32, x2);
  (d) declared in the page's front matter with a reason:
          ---
          unbound:
            "0.85": the accuracy bar the curriculum sets
          ---
A number in a sentence (or a clause between semicolons) that names one framework only (TensorFlow or Keras;
PyTorch) must be printed by that framework's snippets: "in PyTorch the loss is 0.23" is not bound by a 0.23 only
the TensorFlow twin prints. Where both or neither are named, any snippet of the day binds it.
Sections "Exercises" and "Further reading", headings, code spans and blocks, includes, links' targets and HTML
comments are not read. A number that fits none of these is reported with its page, line and the nearest printed
value.
"""
from __future__ import annotations

import ast
import io
import math
import re
import tokenize
from dataclasses import dataclass

from .days import Day, front_matter
from .printed import MARKER, MarkerError, value

UNREAD_SECTIONS = ("Exercises", "Further reading")
# a number in prose: 1,234.5 / 0.883 / 1e-16 / 3.2×10^{-5} / 10^{-16} / 12%
PROSE_NUMBER = re.compile(
    r"(?<![\w.^_{\\])(?<!\^\{)(?<!_\{)"
    r"(?P<num>[-−+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-−+]?\d+)?)(?!\d)"
    r"(?P<times>\s*(?:×|\\times|x)\s*10\^\{?(?P<exp>[-−]?\d+)\}?)?"
    r"(?P<pct>\s*%|\\%)?"
    r"(?![\w.]\d|[A-Za-z_])")
POWER_OF_TEN = re.compile(r"(?<![\w.^_{])10\^\{?(?P<exp>[-−]?\d+)\}?")
PRINTED = re.compile(r"[-+]?(?:\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
DAY_REF = re.compile(r"(?:\b[Dd]ays?|\bPart)\s+$")


@dataclass
class Quote:
    line: int
    text: str  # as written
    value: float
    decimals: int | None  # digits after the point; None for a magnitude (1e-16, 10^{-16})
    percent: bool
    start: int = 0  # offset in the text


# Clause boundaries: a sentence's or a semicolon's end before white space, a blank line, a list item.
CLAUSE_END = re.compile(r"[.!?;](?=\s)|\n\s*\n|\n\s*(?:[-*+]|\d+\.)\s")
MENTIONS = {"tf": re.compile(r"\b(?:TensorFlow|Keras|keras|tf)\b"), "torch": re.compile(r"\b(?:PyTorch|torch)\b")}


def framework_of(text: str, start: int) -> str | None:
    """The one framework the clause around text[start] names, or None (both, or neither)."""
    before = [m.end() for m in CLAUSE_END.finditer(text, 0, start)]
    begin = before[-1] if before else 0
    after = CLAUSE_END.search(text, start)
    clause = text[begin:after.start() if after else len(text)]
    named = [fw for fw, pattern in MENTIONS.items() if pattern.search(clause)]
    return named[0] if len(named) == 1 else None


def _blank(m: re.Match) -> str:
    """Replace a span by spaces, keeping its newlines, so line numbers stay right."""
    return re.sub(r"[^\n]", " ", m.group(0))


def prose(text: str) -> str:
    """The page with everything that is not checked prose blanked out (same lines)."""
    rows, skipping = [], False
    for row in text.split("\n"):
        m = re.match(r"^## (.+?)\s*$", row)
        if m:
            skipping = m.group(1) in UNREAD_SECTIONS
        rows.append(" " * len(row) if skipping else row)
    text = "\n".join(rows)
    text = re.sub(r"<!--.*?-->", _blank, text, flags=re.S)
    text = re.sub(r"^( *)(```+|~~~+).*?^\1\2", _blank, text, flags=re.M | re.S)
    text = re.sub(r"`[^`\n]*`", _blank, text)
    text = re.sub(r"^ *\{\{.*\}\} *$", _blank, text, flags=re.M)
    text = MARKER.sub(_blank, text)  # filled in from the output at build time (verified/printed.py)
    text = re.sub(r"\]\([^)\s]*\)", _blank, text)  # link targets
    text = re.sub(r"<[^>\n]+>", _blank, text)  # HTML tags and their attributes
    text = re.sub(r"^#+ .*$", _blank, text, flags=re.M)  # headings
    return text


def _math_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"\\\((.+?)\\\)|\\\[(.+?)\\\]|\$\$(.+?)\$\$", text, re.S)]


def quotes(text: str) -> list[Quote]:
    """Every number the prose quotes that rule (c) does not already allow."""
    found = []
    math_spans = _math_spans(text)
    taken: list[tuple[int, int]] = []
    for m in POWER_OF_TEN.finditer(text):
        before = text[max(0, m.start() - 12):m.start()]
        if re.search(r"(?:×|\\times|x)\s*$", before):
            continue  # part of 3.2 × 10^{-5}, read below
        exp = int(m.group("exp").replace("−", "-"))
        found.append(Quote(text.count("\n", 0, m.start()) + 1, m.group(0), float(f"1e{exp}"), None, False,
                           m.start()))
        taken.append(m.span())
    for m in PROSE_NUMBER.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        raw = m.group("num").replace("−", "-").replace(",", "")
        in_math = any(a <= m.start() < b for a, b in math_spans)
        before = text[max(0, m.start() - 8):m.start()]
        if DAY_REF.search(before):
            continue
        if in_math and re.search(r"[\^_]\{?\s*$", before):  # exponent or subscript
            continue
        value = float(raw)
        mantissa = raw.split("e")[0].split("E")[0].lstrip("+-")
        decimals = len(mantissa.split(".")[1]) if "." in mantissa else 0
        magnitude = None
        if m.group("times"):
            value = float(f"{raw}e{int(m.group('exp').replace('−', '-'))}")
            magnitude = True
        elif "e" in raw.lower():
            magnitude = True
        if magnitude is None and decimals == 0 and abs(value) <= 10 and not m.group("pct"):
            continue
        found.append(Quote(text.count("\n", 0, m.start()) + 1, m.group(0).strip(), value,
                           None if magnitude else decimals, bool(m.group("pct")), m.start()))
    return sorted(found, key=lambda q: q.line)


def _matches(q: Quote, printed: float) -> bool:
    if q.decimals is None:  # a magnitude: 1e-16 or 10^{-16} (order of magnitude), 3.2e-5 (mantissa as quoted)
        if printed == 0 or q.value == 0:
            return printed == q.value
        v, target = abs(printed), abs(q.value)
        if "10^" in q.text and not re.search(r"\d\s*(?:×|\\times|x)\s*10", q.text):
            return round(math.log10(v)) == round(math.log10(target)) or \
                math.floor(math.log10(v) + 1e-9) == round(math.log10(target))
        mantissa = re.match(r"[-−+]?[\d,]*\.?\d*", q.text).group(0)
        digits = len(mantissa.split(".")[1]) if "." in mantissa else 0
        exp = math.floor(math.log10(target) + 1e-12)
        return abs(v / 10.0 ** exp - target / 10.0 ** exp) <= 0.5 * 10.0 ** -digits + 1e-9
    candidates = [(q.value, q.decimals)]
    if q.percent:
        candidates.append((q.value / 100, q.decimals + 2))
    return any(abs(abs(printed) - abs(target)) <= 0.5 * 10.0 ** -d * (1 + 1e-9) + 1e-15 for target, d in candidates)


def code_literals(day: Day) -> set[str]:
    """Numeric literals in the day's snippets, as written and as values."""
    found: set[str] = set()
    for s in day.snippets():
        try:
            toks = tokenize.generate_tokens(io.StringIO(s.path.read_text(encoding="utf-8")).readline)
            for tok in toks:
                if tok.type == tokenize.NUMBER:
                    found.add(tok.string.replace("_", ""))
                    try:
                        found.add(repr(float(ast.literal_eval(tok.string))))
                    except (ValueError, SyntaxError):
                        pass
        except (tokenize.TokenError, SyntaxError):
            pass
    return found


def check(day: Day, outputs: list[str] | dict[str, list[str]], named: dict[str, str] | None = None) -> list[str]:
    """Problems with the page's quoted numbers, one line each, naming page, line and the nearest printed value.
    outputs: each snippet's stdout, by framework ("tf", "torch"); a plain list binds every quote to all of them.
    named: each snippet's stdout by file stem ("train_tf"), to resolve the page's printed-number markers."""
    if not isinstance(outputs, dict):
        outputs = {None: list(outputs)}
    text = day.page.read_text(encoding="utf-8")
    meta, body, offset = front_matter(text)
    declared = {str(k) for k in (meta.get("unbound") or {})}
    literals = code_literals(day)
    printed_by = {fw: [(float(t.replace(",", "")), t) for out in outs for t in PRINTED.findall(out)]
                  for fw, outs in outputs.items()}
    everything = [p for found in printed_by.values() for p in found]
    names = {"tf": "TensorFlow", "torch": "PyTorch"}
    problems = marker_problems(day, body, offset, named) if named is not None else []
    for q in quotes(prose(body)):
        if q.text in declared or q.text.replace(",", "") in declared:
            continue
        plain = q.text.replace(",", "").replace("−", "-").lstrip("+-").rstrip("%").strip()
        if plain in literals or repr(abs(q.value)) in literals or repr(q.value) in literals:
            continue
        framework = framework_of(body, q.start) if None not in printed_by else None
        printed = printed_by.get(framework, everything) if framework else everything
        if any(_matches(q, v) for v, _ in printed):
            continue
        nearest = min(printed, key=lambda p: abs(abs(p[0]) - abs(q.value)), default=None)
        near = f"; nearest printed value {nearest[1]}" if nearest else "; the day printed no numbers"
        which = f"{names[framework]} snippet" if framework else "snippet"
        why = (f" (the sentence names {names[framework]} only)"
               if framework and any(_matches(q, v) for v, _ in everything) else "")
        problems.append(f"{day.page.relative_to(day.page.parent.parent.parent)}:{q.line + offset}: "
                        f"quotes {q.text!r}, which no {which} of day {day.number} prints at that precision{near}"
                        f"{why} (bind it to the output, or declare it under 'unbound:' with a reason)")
    return problems


def marker_problems(day: Day, body: str, offset: int, named: dict[str, str]) -> list[str]:
    """Markers that do not resolve against the outputs, or that fill a sentence naming one framework with the
    other framework's number."""
    page = day.page.relative_to(day.page.parent.parent.parent)
    names = {"tf": "TensorFlow", "torch": "PyTorch"}
    problems = []
    for m in MARKER.finditer(prose_markers(body)):
        line = body.count("\n", 0, m.start()) + 1 + offset
        name = m.group("name")
        if name not in named:
            problems.append(f"{page}:{line}: {m.group(0)} names no snippet of day {day.number} with an output "
                            f"(snippets: {', '.join(sorted(named))})")
            continue
        try:
            value(named[name], m.group("anchor"), m.group("options"))
        except MarkerError as error:
            problems.append(f"{page}:{line}: {m.group(0)}: {error}")
            continue
        framework = framework_of(body, m.start())
        own = "tf" if name.endswith("_tf") else "torch" if name.endswith("_torch") else None
        if framework and own and framework != own:
            problems.append(f"{page}:{line}: {m.group(0)} fills a sentence that names {names[framework]} only "
                            f"with a number from a {names[own]} snippet")
    return problems


def prose_markers(body: str) -> str:
    """The page with code blocks and spans blanked (same offsets): markers there are examples, not filled."""
    text = re.sub(r"^( *)(```+|~~~+).*?^\1\2", _blank, body, flags=re.M | re.S)
    return re.sub(r"`[^`\n]*`", _blank, text)
