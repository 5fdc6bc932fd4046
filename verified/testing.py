"""Small helpers for claims and parity tests: read the numbers a snippet printed."""
from __future__ import annotations

import math
import re

NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|(?<![A-Za-z])(?:[-+]?inf|nan)(?![A-Za-z])"


class MissingOutput(AssertionError):
    """The output has no line with that label (a test reading it cannot have checked anything)."""


def numbers(text: str) -> list[float]:
    """Every number in the text, in order (so two twins' outputs can be compared number for number)."""
    return [float(x) for x in re.findall(NUMBER, text)]


def tokens(text: str) -> list[tuple[float, str, int]]:
    """Every number in the text as (value, as printed, line number), in order."""
    found = []
    for n, row in enumerate(text.splitlines(), 1):
        found.extend((float(m.group(0)), m.group(0), n) for m in re.finditer(NUMBER, row))
    return found


def last_digit(printed: str) -> float:
    """The size of one unit in the last printed digit: 0.01 for '2.31', 1e-5 for '1.23e-04', 1 for '42'."""
    mantissa, _, exponent = printed.lower().partition("e")
    decimals = len(mantissa.split(".")[1]) if "." in mantissa else 0
    return 10.0 ** (-decimals + (int(exponent) if exponent else 0))


def value(text: str, label: str) -> float:
    """The first number on the line that starts with `label` (e.g. value(out, "test accuracy"))."""
    for line in text.splitlines():
        if line.strip().startswith(label):
            found = numbers(line.strip()[len(label):])
            if found:
                return found[0]
    raise MissingOutput(f"no line starting with {label!r} and a number in the output:\n{text}")


def line(text: str, label: str) -> str:
    """The rest of the line that starts with `label`."""
    for row in text.splitlines():
        if row.strip().startswith(label):
            return row.strip()[len(label):].strip()
    raise MissingOutput(f"no line starting with {label!r} in the output:\n{text}")


def assert_parity(a: str, b: str, rtol: float | None = None, atol: float | None = None, digits: float = 1) -> None:
    """Both outputs hold the same numbers in the same order.

    With no tolerance given, it follows from the printed precision: two numbers agree when they differ by at most
    `digits` units in the last digit printed (of the coarser of the two), which is relative for numbers printed
    in scientific notation. An explicit rtol/atol replaces that rule.
    A failure names the line and its label in both outputs."""
    x, y = tokens(a), tokens(b)
    rows_a, rows_b = a.splitlines(), b.splitlines()

    def where(i):
        (_, _, la), (_, _, lb) = x[i], y[i]
        return (f"\n  TensorFlow line {la}: {rows_a[la - 1].strip()!r}"
                f"\n  PyTorch    line {lb}: {rows_b[lb - 1].strip()!r}")

    assert len(x) == len(y), (f"the twins print different counts of numbers ({len(x)} vs {len(y)})\n"
                              + _first_difference(rows_a, rows_b))
    for i, ((p, sp, _), (q, sq, _)) in enumerate(zip(x, y)):
        if not (math.isfinite(p) and math.isfinite(q)):  # nan matches nan, inf matches inf of the same sign
            assert (math.isnan(p) and math.isnan(q)) or p == q, f"{sp} vs {sq}{where(i)}"
            continue
        if rtol is None and atol is None:
            tol = digits * max(last_digit(sp), last_digit(sq)) * (1 + 1e-9)
            rule = f"{digits:g} unit(s) in the last printed digit, {tol:.3g}"
        else:
            tol = (atol or 0) + (rtol or 0) * abs(q)
            rule = f"rtol={rtol}, atol={atol}"
        assert abs(p - q) <= tol, f"{sp} vs {sq} differ by {abs(p - q):.3g}, over {rule}{where(i)}"


def _first_difference(rows_a: list[str], rows_b: list[str]) -> str:
    for n, (ra, rb) in enumerate(zip(rows_a, rows_b), 1):
        if len(numbers(ra)) != len(numbers(rb)):
            return f"first line that differs, line {n}:\n  TensorFlow: {ra.strip()!r}\n  PyTorch:    {rb.strip()!r}"
    return f"TensorFlow prints {len(rows_a)} lines, PyTorch {len(rows_b)}"
