"""Files made before a column arrived, filled in as the migration that added it filled the rows already there
(a column a file lacks otherwise takes its default: see docs/export-format.md)."""

from __future__ import annotations

import uuid


def filled(tables: dict[str, list]) -> dict[str, list]:
    """`tables` with what a file from before framework versions lacks: each competency's key (competencies of
    the same name share one, in whichever versions they are) and each loop's version (the current one)."""
    competencies, loops = tables.get("competency", []), tables.get("loop", [])
    if not any(isinstance(row, dict) and "key" not in row for row in competencies) and not any(
        isinstance(row, dict) and "framework_id" not in row for row in loops
    ):
        return tables
    namespace = uuid.uuid4()  # keys of their own on this instance, shared by name within the file
    frameworks = [row for row in tables.get("competencyframework", []) if isinstance(row, dict)]
    newest = max(frameworks, key=lambda row: (row.get("is_current") is True, _number(row.get("version"))), default={})

    def key(row: dict) -> str:
        return uuid.uuid5(namespace, str(row.get("name"))).hex

    return {
        **tables,
        "competency": [_with(row, "key", key) for row in competencies],
        "loop": [_with(row, "framework_id", lambda _row: newest.get("id")) for row in loops],
    }


def _with(row: object, column: str, value) -> object:
    return {**row, column: value(row)} if isinstance(row, dict) and column not in row else row


def _number(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0
