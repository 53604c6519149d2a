"""SQLite: a copy through the online backup API, and back the same way."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from magicloop.backup import EMPTY, BackupError, Contents, contents
from magicloop.db import SQLITE_BUSY_TIMEOUT_MS


def _file(url: str) -> Path:
    database = make_url(url).database
    if database in (None, "", ":memory:"):
        raise BackupError("the database lives in memory only: there is nothing to back up or restore.")
    return Path(database)


def _open(path: Path, mode: str) -> contextlib.closing[sqlite3.Connection]:
    """`mode`: "ro" to read, "rw" to write where a database is, "rwc" to create one."""
    uri = f"{path.resolve().as_uri()}?mode={mode}"
    return contextlib.closing(sqlite3.connect(uri, uri=True, timeout=SQLITE_BUSY_TIMEOUT_MS / 1000))


def _contents(path: Path) -> Contents:
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool)
    try:
        with engine.connect() as connection:
            return contents(connection)
    finally:
        engine.dispose()


def describe(url: str) -> str:
    return f"the SQLite database {_file(url)}"


def create(url: str, target: Path) -> Contents:
    database = _file(url)
    if not database.is_file():
        raise BackupError(f"there is no database at {database}.")
    with _open(database, "rw") as live, contextlib.closing(sqlite3.connect(target)) as copy:
        # One step is one read transaction: the copy is the database as of its last commit, and in
        # WAL mode the app's writers go on meanwhile (in several steps, each write would restart it).
        live.backup(copy, pages=-1)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
    check(target)
    return _contents(target)


def check(path: Path) -> None:
    try:
        with _open(path, "ro") as backup:
            verdict = backup.execute("PRAGMA integrity_check").fetchall()
            tables = backup.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} is not a SQLite backup ({error}).") from None
    if verdict != [("ok",)]:
        raise BackupError(f"{path} is damaged: {'; '.join(line for (line,) in verdict[:5])}")
    if not tables:
        raise BackupError(f"{path} holds no tables: it is not a backup of Magic Loop.")


def contents_of(url: str) -> Contents:
    database = _file(url)
    return _contents(database) if database.is_file() else EMPTY


def restore(url: str, backup: Path) -> Contents:
    database = _file(url)
    database.parent.mkdir(parents=True, exist_ok=True)
    with _open(backup, "ro") as source, _open(database, "rwc") as live:
        source.backup(live)  # one write transaction on the database: all of the backup or none of it
    return _contents(database)
