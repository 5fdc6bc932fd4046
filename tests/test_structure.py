"""The day contract: every day has a page, a snippet folder, twins, both tabs, a claims test, no gaps."""
from __future__ import annotations

import pytest

from verified.days import ROOT, find_days, problems
from verified.site import nav

DAYS = find_days(ROOT)
PROBLEMS = problems(ROOT)  # once: every message names its day as "(day N)", "(day N, …)" or "day N:"


def test_there_are_days():
    assert DAYS, "no days found under docs/days/ and snippets/"


@pytest.mark.parametrize("day", DAYS, ids=[d.stem if d.page else str(d.number) for d in DAYS])
def test_day_follows_the_contract(day):
    mine = [p for p in PROBLEMS if f"(day {day.number})" in p or f"(day {day.number}," in p
            or f"day {day.number}:" in p]
    assert not mine, "\n".join(mine)


def test_whole_tree_follows_the_contract():
    assert not PROBLEMS, "\n".join(PROBLEMS)


def test_nav_lists_every_day():
    listed = str(nav(ROOT, []))
    for day in DAYS:
        assert f"days/{day.page.name}" in listed, f"day {day.number} is missing from the nav"
