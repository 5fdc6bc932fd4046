"""Twins agree on their settings, read from the code itself.

A *setting* is a module-level assignment of a literal to an UPPER_CASE name
(`LEARNING_RATE = 0.03`, `SEED = 0`, `HIDDEN = (64, 32)`). The two twins of a
pair must define the same settings with the same values. Every other float
literal in the code (an inline `lr=0.03`, a `momentum=0.9`) must appear as
often in one twin as in the other. A line that differs on purpose carries a
comment `# twins differ: <reason>`, and the page says so.
"""
from __future__ import annotations

import ast
from collections import Counter

DIFFER = "# twins differ:"


def _literal(node):
    try:
        return ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return _NOT_LITERAL


_NOT_LITERAL = object()


def read(source: str) -> tuple[dict, Counter]:
    """(settings by name, Counter of the other float literals), skipping lines declared to differ."""
    tree = ast.parse(source)
    lines = source.splitlines()
    declared = {n for n, l in enumerate(lines, 1) if DIFFER in l}
    settings, setting_lines = {}, set()
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if name.isupper() and (value := _literal(node.value)) is not _NOT_LITERAL:
                span = set(range(node.lineno, (node.end_lineno or node.lineno) + 1))
                setting_lines |= span
                if not span & declared:
                    settings[name] = value
    floats = Counter()
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, float) and not isinstance(node.value, bool):
            if node.lineno in setting_lines or node.lineno in declared:
                continue
            value = node.value
            parent_neg = False  # -0.5 parses as UnaryOp(USub, 0.5); the sign does not matter for a count
            floats[abs(value) if not parent_neg else value] += 1
    return settings, floats


def differences(tf_source: str, torch_source: str) -> list[str]:
    """What the twins disagree on, one line each; empty when they agree."""
    out = []
    (a, fa), (b, fb) = read(tf_source), read(torch_source)
    for name in sorted(set(a) | set(b)):
        if name not in b:
            out.append(f"setting {name} = {a[name]!r} only in the TensorFlow twin")
        elif name not in a:
            out.append(f"setting {name} = {b[name]!r} only in the PyTorch twin")
        elif a[name] != b[name]:
            out.append(f"setting {name}: {a[name]!r} (TensorFlow) vs {b[name]!r} (PyTorch)")
    for value in sorted(set(fa) | set(fb)):
        if fa[value] != fb[value]:
            out.append(f"the literal {value!r} appears {fa[value]} time(s) in the TensorFlow twin and "
                       f"{fb[value]} in the PyTorch twin (use a named setting, or mark the line '{DIFFER} why')")
    return out
