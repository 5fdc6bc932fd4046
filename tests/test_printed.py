"""Printed-number markers (verified/printed.py): filled from the output, and loud when they do not resolve."""
from __future__ import annotations

import pytest

from verified.printed import MarkerError, fill, value

OUT = "epochs: 3\nseed 0: test accuracy 0.9012\nseed 1: test accuracy 0.852\nloss: 1.5 then -0.25\nn: 12,345\n"


@pytest.mark.parametrize("anchor, options, expected", [
    ("seed 0: test accuracy", "", "0.9012"),
    ("seed 0: test accuracy", ".2f", "0.90"),
    ("seed 1: test accuracy", ".1%", "85.2%"),
    ("loss:", "#2", "-0.25"),
    ("loss:", "#2 abs", "0.25"),
    ("n:", ",d", "12,345"),
])
def test_a_marker_is_the_number_after_its_text(anchor, options, expected):
    assert value(OUT, anchor, options) == expected


@pytest.mark.parametrize("anchor, options, why", [
    ("seed 2: test accuracy", "", "not in the output"),
    ("test accuracy", "", "more than once"),
    ("epochs:", "#2", "has 1 number"),
])
def test_a_marker_that_does_not_resolve_says_why(anchor, options, why):
    with pytest.raises(MarkerError, match=why):
        value(OUT, anchor, options)


def test_fill_replaces_every_marker_and_names_the_line_of_a_bad_one():
    page = 'Seed 0 reaches {{ train_tf "seed 0: test accuracy" .3f }}.\n\nThen {{ train_tf "loss:" #2 abs }}.'
    assert fill(page, {"train_tf": OUT}) == "Seed 0 reaches 0.901.\n\nThen 0.25."
    with pytest.raises(MarkerError, match=r"page.md:3: .*names no snippet"):
        fill(page.replace("train_tf", "train_torch", 2).replace("train_torch", "train_tf", 1), {"train_tf": OUT},
             "page.md")
