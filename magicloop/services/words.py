"""Counts in words, as people write them."""

from __future__ import annotations


def counted(count: int, singular: str, plural: str = "") -> str:
    """“1 idea to decide”, “2 ideas to decide”: the noun agrees with its number."""
    return f"{count} {singular if count == 1 else plural or singular + 's'}"
