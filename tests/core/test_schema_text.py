"""Checker.text's quick paths say exactly what its full searches say."""

from __future__ import annotations

import random

import pytest

from stretchapp.core import schema
from stretchapp.core.schema import Checker, Field

# Every character class the checks care about, and their neighbours.
ALPHABET = (
    "aZ 9.-_<>&#;!/?=\"'"
    "\x00\x07\x08\t\n\x0b\x0c\r\x0e\x1f\x7f\x85\xa0\xad"
    "\u200b\u200e\u2028\u2029\u202e\u2066\u3000\ufeff\u00e9\u4e2d"
)
SAMPLES = [
    "Cat-cow",
    "Knees & hips",
    "a <b>bold</b> move",
    "&amp;",
    "&#38;",
    "&#x26;",
    "<!-- note",
    "< 5 minutes",
    "tab\there",
    "line\nbreak",
    "bell\x07",
    "\u2028",
    "\u00a0only a no-break space\u00a0",
    "\u200b",
]


def _slow(value: str, multiline: bool) -> str:
    """What the checks said before their quick paths: the first problem's message, or ''."""
    value = value.strip()
    if schema._CONTROL.search(value):
        return "holds control characters"
    if schema._LINE_BREAK.search(value) and not multiline:
        return "holds a line break or tab"
    if value and not schema.visible(value):
        return "holds only invisible characters"
    if schema._MARKUP.search(value):
        return "holds HTML or markup"
    return ""


def _fast(value: str, multiline: bool) -> str:
    checker = Checker("f.yaml")
    extras = {"multiline": True} if multiline else {}
    checker.text(value, Field("t", "text", "", max_length=10_000, extras=extras), "t", 1)
    return checker.problems[0].message if checker.problems else ""


def _strings() -> list[str]:
    rng = random.Random(15)
    made = ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 12))) for _ in range(3000)]
    return SAMPLES + made


@pytest.mark.parametrize("multiline", [False, True])
def test_the_quick_paths_agree_with_the_full_searches(multiline: bool) -> None:
    for value in _strings():
        assert _fast(value, multiline) == _slow(value, multiline), repr(value)
