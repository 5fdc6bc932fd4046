"""Small helpers for claims and parity tests: read the numbers a snippet printed."""
from __future__ import annotations

import math
import re

NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|(?<![A-Za-z])(?:[-+]?inf|nan)(?![A-Za-z])"


def numbers(text: str) -> list[float]:
    """Every number in the text, in order (so two twins' outputs can be compared number for number)."""
    return [float(x) for x in re.findall(NUMBER, text)]


def value(text: str, label: str) -> float:
    """The first number on the line that starts with `label` (e.g. value(out, "test accuracy"))."""
    for line in text.splitlines():
        if line.strip().startswith(label):
            found = numbers(line.strip()[len(label):])
            if found:
                return found[0]
    raise AssertionError(f"no line starting with {label!r} and a number in the output:\n{text}")


def line(text: str, label: str) -> str:
    """The rest of the line that starts with `label`."""
    for row in text.splitlines():
        if row.strip().startswith(label):
            return row.strip()[len(label):].strip()
    raise AssertionError(f"no line starting with {label!r} in the output:\n{text}")


def assert_parity(a: str, b: str, rtol: float = 1e-6, atol: float = 1e-6) -> None:
    """Both outputs hold the same numbers in the same order, within the stated tolerance."""
    x, y = numbers(a), numbers(b)
    assert len(x) == len(y), f"the twins print different counts of numbers ({len(x)} vs {len(y)})"
    for i, (p, q) in enumerate(zip(x, y)):
        if not (math.isfinite(p) and math.isfinite(q)):  # nan matches nan, inf matches inf of the same sign
            assert (math.isnan(p) and math.isnan(q)) or p == q, f"number {i}: {p} vs {q}"
            continue
        assert abs(p - q) <= atol + rtol * abs(q), f"number {i}: {p} vs {q} (rtol={rtol}, atol={atol})"
