"""The growth packet as Markdown. What people typed is escaped, so it reads as they wrote it: a goal that
starts with "#" stays a goal, not a heading."""

from __future__ import annotations

import re

from magicloop.services.packet_document import Block, Entries, Heading, Paragraph, Table

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")
_LINE_START = re.compile(r"^(\s*)([-+]|\d+[.)])(\s)", re.MULTILINE)  # would start a list


def escape(text: str) -> str:
    return _LINE_START.sub(r"\1\\\2\3", _SPECIAL.sub(r"\\\1", text))


def _line(text: str) -> str:
    """One line of a list or table: its line breaks become spaces."""
    return " ".join(escape(text).split())


def render(blocks: list[Block]) -> str:
    parts = []
    for block in blocks:
        if isinstance(block, Heading):
            parts.append(f"{'#' * block.level} {_line(block.text)}")
        elif isinstance(block, Paragraph):
            text = escape(block.text).replace("\n", "  \n")
            parts.append(f"*{text}*" if block.quiet else text)
        elif isinstance(block, Entries):
            parts.append("\n".join(_entry(entry.title, entry.details) for entry in block.entries))
        elif isinstance(block, Table):
            parts.append(_table(block))
    return "\n\n".join(parts) + "\n"


def _entry(title: str, details: list[str]) -> str:
    return "\n".join([f"- **{_line(title)}**", *(f"  - {_line(detail)}" for detail in details)])


def _table(table: Table) -> str:
    lines = [
        "| " + " | ".join(_line(h) for h in table.headers) + " |",
        "|" + "|".join(" --- " for _ in table.headers) + "|",
    ]
    lines += ["| " + " | ".join(_line(cell) for cell in row) + " |" for row in table.rows]
    return "\n".join(lines)
