"""Backups of the database the app runs on, taken while it runs, and restoring one.

    python -m magicloop.backup create PATH    # PATH: a consistent copy of the database
    python -m magicloop.backup restore PATH   # the database becomes that copy

SQLite (the default) is copied through SQLite's online backup API in one read transaction: the
copy is the database as of one commit, and the app goes on writing meanwhile. PostgreSQL is dumped
by `pg_dump` from one snapshot and restored by `pg_restore` and `psql` in one transaction. Restoring
refuses to replace a database that holds rows unless told to (`force`).
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from sqlalchemy import func, inspect, select, table, text
from sqlalchemy.engine import Connection, make_url

BOOKKEEPING = "alembic_version"  # which migrations ran: not data a restore would lose


class BackupError(Exception):
    """What went wrong or was refused, in words for the person running the command."""


@dataclasses.dataclass(frozen=True)
class Contents:
    tables: int
    rows: int
    revision: str | None  # the schema's migration

    def __str__(self) -> str:
        return f"{self.tables} tables, {in_rows(self.rows)}, schema revision {self.revision or 'none'}"


def in_rows(count: int) -> str:
    return f"{count:,} row{'' if count == 1 else 's'}"


EMPTY = Contents(0, 0, None)


def contents(connection: Connection) -> Contents:
    names = inspect(connection).get_table_names()
    data = [name for name in names if name != BOOKKEEPING]
    found = sum(connection.execute(select(func.count()).select_from(table(name))).scalar_one() for name in data)
    revision = (
        connection.execute(text(f"SELECT version_num FROM {BOOKKEEPING}")).scalar() if BOOKKEEPING in names else None
    )
    return Contents(len(data), found, revision)


def _backend(url: str):
    from magicloop.backup import postgres, sqlite

    backends = {"sqlite": sqlite, "postgresql": postgres}
    name = make_url(url).get_backend_name()
    if name not in backends:
        raise BackupError(f"backups of {name} databases are not supported: only SQLite and PostgreSQL.")
    return backends[name]


def create(url: str, path: Path, *, force: bool = False) -> str:
    """Backs up the database at `url` to `path`; says what it did."""
    backend = _backend(url)
    if path.exists() and not force:
        raise BackupError(f"{path} already exists: choose another name, or replace it with --force.")
    partial = path.with_name(f"{path.name}.partial")  # a backup cut short never carries the name of a whole one
    partial.unlink(missing_ok=True)
    try:
        copied = backend.create(url, partial)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return f"Backed up {backend.describe(url)} to {path}: {copied}."


def restore(url: str, path: Path, *, force: bool = False) -> str:
    """Replaces the database at `url` with the backup at `path`; says what it did."""
    backend = _backend(url)
    if not path.is_file():
        raise BackupError(f"there is no backup at {path}.")
    backend.check(path)
    where, before = backend.describe(url), backend.contents_of(url)
    if before.rows and not force:
        raise BackupError(
            f"{where} holds {in_rows(before.rows)}, which restoring {path} would replace. "
            "Stop the app and back the database up first if they matter, then restore with --force."
        )
    after = backend.restore(url, path)
    return (
        f"Restored {path} into {where}, replacing {in_rows(before.rows)}: {after}. "
        "Start the app as usual; it applies any newer migrations first."
    )
