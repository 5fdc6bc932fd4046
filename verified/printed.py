"""Numbers in a page's prose filled in from what its snippets printed, when the site and notebooks are built.

Floating-point results of training depend on the CPU that ran them (kernels, vector width, oneDNN or not), so a
number typed into the prose is true on one machine only. A page writes such a number as a marker instead:

    {{ train_tf "seed 0: test accuracy" }}           the number after that text, on its line, as printed
    {{ train_tf "seed 0: test accuracy" .2f }}       the same, formatted (a Python format spec: .2f, .1%, ,d)
    {{ compare_torch "loss:" #2 }}                   the second number on the line after that text
    {{ train_torch "change:" abs .3f }}              its absolute value ("falls by 0.3")

The name is the snippet's file name without .py; the text must occur exactly once in that snippet's output. The
build fails on a marker that does not resolve, and tests/test_quotes.py checks every marker against the outputs.
Typed numbers stay allowed where they cannot move (settings, counts, exact results) and are checked by
verified/quotes.py.
"""
from __future__ import annotations

import re

MARKER = re.compile(r'\{\{\s*(?P<name>[A-Za-z_]\w*)\s+"(?P<anchor>[^"\n]+)"(?P<options>(?:\s+[^\s}]+)*)\s*\}\}')
NUMBER = re.compile(r"[-+]?(?:\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


class MarkerError(ValueError):
    """A marker that names no snippet, or whose text or number is not in the output."""


def value(stdout: str, anchor: str, options: str = "") -> str:
    """The text a marker stands for, given the named snippet's whole output."""
    at = stdout.find(anchor)
    if at < 0:
        raise MarkerError(f'"{anchor}" is not in the output')
    if stdout.find(anchor, at + 1) >= 0:
        raise MarkerError(f'"{anchor}" occurs more than once in the output; quote a longer text')
    nth, absolute, spec = 1, False, None
    for option in options.split():
        if re.fullmatch(r"#\d+", option):
            nth = int(option[1:])
        elif option == "abs":
            absolute = True
        elif spec is None:
            spec = option
        else:
            raise MarkerError(f"unknown option {option!r}")
    start = at + len(anchor)
    end = stdout.find("\n", start)
    numbers = NUMBER.findall(stdout[start:end if end >= 0 else len(stdout)])
    if len(numbers) < nth:
        raise MarkerError(f'the line after "{anchor}" has {len(numbers)} number(s), not {nth}')
    token = numbers[nth - 1]
    if absolute:
        token = token.lstrip("+-")
    if spec is None:
        return token
    number = float(token.replace(",", ""))
    try:
        return format(int(number) if spec.endswith("d") else number, spec)
    except ValueError as error:
        raise MarkerError(f"format {spec!r}: {error}") from None


def fill(markdown: str, outputs: dict[str, str], where: str = "") -> str:
    """markdown with every marker replaced. outputs: snippet file stem ("train_tf") -> its stdout."""
    problems = []

    def one(m: re.Match) -> str:
        name = m.group("name")
        if name not in outputs:
            problems.append(f"{where}:{markdown.count(chr(10), 0, m.start()) + 1}: {m.group(0)} names no snippet "
                            f"with a verified output here (known: {', '.join(sorted(outputs)) or 'none'})")
            return m.group(0)
        try:
            return value(outputs[name], m.group("anchor"), m.group("options"))
        except MarkerError as error:
            problems.append(f"{where}:{markdown.count(chr(10), 0, m.start()) + 1}: {m.group(0)}: {error}")
            return m.group(0)

    filled = MARKER.sub(one, markdown)
    if problems:
        raise MarkerError("\n".join(problems))
    return filled


def outputs_of(day, results_of) -> dict[str, str]:
    """{file stem: stdout} for a day's snippets that have a result. results_of(snippet) -> Result or None."""
    found = {}
    for s in day.snippets():
        result = results_of(s)
        if result is not None:
            found[s.path.stem] = result.stdout
    return found
