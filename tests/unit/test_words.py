"""Counts in words: one thing is singular, any other number plural."""

from __future__ import annotations

import pytest

from magicloop.services.words import counted


@pytest.mark.parametrize(
    "count, singular, plural, said",
    [
        (1, "idea to decide", "ideas to decide", "1 idea to decide"),
        (2, "idea to decide", "ideas to decide", "2 ideas to decide"),
        (0, "open item", "", "0 open items"),
        (1, "open item", "", "1 open item"),
        (1, "competency", "competencies", "1 competency"),
        (8, "competency", "competencies", "8 competencies"),
    ],
)
def test_a_count_agrees_with_its_noun(count, singular, plural, said):
    assert counted(count, singular, plural) == said
