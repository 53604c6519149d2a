"""Every table of a database as it stands, at whatever revision: rows made up for each, and each
table's rows read back by primary key.

Made-up rows follow the schema alone, reflected from the database, so a table or column added
later gets rows without anyone writing them by hand: a foreign key points at a row made before
it, every other value differs from row to row (so unique constraints hold), and every column is
filled, the nullable ones too.
"""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from typing import Any

from sqlalchemy import Column, Enum, MetaData, Table, func, select
from sqlalchemy.engine import Connection

BOOKKEEPING = {"alembic_version"}  # which migrations ran, not the app's data
Rows = dict[str, dict[tuple, dict[str, Any]]]  # table -> primary key -> row


def tables(connection: Connection) -> list[Table]:
    """The app's tables, parents before the tables that point at them."""
    metadata = MetaData()
    metadata.reflect(bind=connection)
    return [table for table in metadata.sorted_tables if table.name not in BOOKKEEPING]


def fill(connection: Connection, count: int = 2) -> None:
    """`count` more rows in every table, their values unlike those of the rows already there."""
    made: dict[str, list[dict[str, Any]]] = {}
    for table in tables(connection):
        made[table.name] = []
        there = connection.execute(select(func.count()).select_from(table)).scalar_one()
        for n in range(count):
            row = {c.name: _value(c, n, there + n, made) for c in table.columns if not _numbered(c)}
            key = connection.execute(table.insert().values(row)).inserted_primary_key
            made[table.name].append(row | dict(zip([c.name for c in table.primary_key], key, strict=True)))


def rows(connection: Connection) -> Rows:
    """Every row of every table, keyed by its primary key."""
    found = {}
    for table in tables(connection):
        key = list(table.primary_key) or list(table.columns)
        found[table.name] = {
            tuple(row[c.name] for c in key): dict(row) for row in connection.execute(select(table)).mappings()
        }
    return found


def _numbered(column: Column) -> bool:
    """An integer primary key the database numbers itself."""
    table = column.table
    return column.primary_key and len(table.primary_key) == 1 and column.autoincrement in (True, "auto")


def _value(column: Column, made_n: int, n: int, made: dict[str, list[dict[str, Any]]]) -> Any:
    """The value of `column` in the `made_n`th row made now, the table's `n`th."""
    if column.foreign_keys:
        target = next(iter(column.foreign_keys)).column
        if target.table.name == column.table.name:  # a row pointing at another of its table: the one before
            assert column.nullable or made_n, f"{column.table.name}.{column.name} must point at a row of its table"
            return made[column.table.name][made_n - 1][target.name] if made_n else None
        return made[target.table.name][made_n][target.name]
    kind = column.type
    if isinstance(kind, Enum) and kind.enums:
        return kind.enums[n % len(kind.enums)]
    try:
        python = kind.python_type
    except NotImplementedError:
        raise AssertionError(f"{column.table.name}.{column.name}: no sample value for a {kind!r} column") from None
    if python is str:
        return f"{n + 1} {column.name}"[: getattr(kind, "length", None)]
    if python is dt.datetime:  # microseconds, to catch a copy that drops them
        moment = dt.datetime(2026, 1, 5, 9, 30, 15, 123456) + dt.timedelta(hours=n)
        return moment.replace(tzinfo=dt.UTC) if getattr(kind, "timezone", False) else moment
    samples = {
        bool: n % 2 == 0,
        int: n + 1,
        float: n + 0.5,
        decimal.Decimal: decimal.Decimal(n) + decimal.Decimal("0.5"),
        dt.date: dt.date(2026, 1, 5) + dt.timedelta(days=n),
        dt.time: (dt.datetime(2026, 1, 5, 9, 30) + dt.timedelta(seconds=n)).time(),
        bytes: n.to_bytes(4, "big"),
        dict: {"sample": n},
        list: [n],
        uuid.UUID: uuid.UUID(int=n + 1),
    }
    if python not in samples:
        raise AssertionError(f"{column.table.name}.{column.name}: no sample value for a {python.__name__} column")
    return samples[python]


def lost(before: Rows, after: Rows) -> list[str]:
    """What of `before` is missing from `after`: tables, rows, and values of the columns both have."""
    problems = []
    for name, old_rows in before.items():
        if name not in after:
            problems.append(f"table {name} is gone")
            continue
        for key, old in old_rows.items():
            new = after[name].get(key)
            if new is None:
                problems.append(f"{name} {key} is gone")
                continue
            changed = {c: (old[c], new[c]) for c in old.keys() & new.keys() if old[c] != new[c]}
            if changed:
                problems.append(f"{name} {key} changed: {changed}")
    return problems
