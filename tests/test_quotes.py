"""Every number a day page quotes is bound to what its snippets printed (verified/quotes.py has the rules)."""
from __future__ import annotations

import pytest

from verified.days import ROOT, find_days
from verified.quotes import check
from verified.runner import NeedsGpu

DAYS = [d for d in find_days(ROOT) if d.page]


@pytest.mark.tf
@pytest.mark.torch
@pytest.mark.parametrize("day", DAYS, ids=[d.stem for d in DAYS])
def test_quoted_numbers_are_printed(day, runner):
    outputs, named = {"tf": [], "torch": []}, {}
    for snippet in day.snippets():
        try:
            named[snippet.path.stem] = runner.run(snippet).stdout
        except NeedsGpu:
            continue
        outputs[snippet.framework].append(named[snippet.path.stem])
    problems = check(day, outputs, named)
    assert not problems, "\n".join(problems)
