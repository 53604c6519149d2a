"""Database engine and transactions, shared by the app, migrations and tests.

SQLite is the embedded default: it runs in WAL mode with a busy timeout. A transaction that
writes begins IMMEDIATE, so two writers queue on the lock instead of failing half-way with
"database is locked"; one that only reads (a page load) begins DEFERRED and takes no lock.
The same code runs on PostgreSQL.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import functools
import logging
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import StaticPool
from sqlmodel import Session

from magicloop import broadcast
from magicloop.config import get_settings
from magicloop.services import changes, mail

SQLITE_BUSY_TIMEOUT_MS = 10_000
log = logging.getLogger(__name__)
_writing = contextvars.ContextVar("magicloop_writing", default=True)


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)
    in_memory = parsed.database in (None, "", ":memory:")
    if not in_memory:
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
        # An in-memory database lives in one connection; every session shares it.
        **({"poolclass": StaticPool} if in_memory else {}),
    )
    _configure_sqlite(engine)
    return engine


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy, not the driver, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE" if _writing.get() else "BEGIN DEFERRED")


@functools.cache
def get_engine() -> Engine:
    return make_engine(get_settings().database_url)


async def connect_at_start() -> None:
    """A lifespan task: each worker loads the database driver and opens its first connection as it starts,
    not during the first person's event (on PostgreSQL, importing psycopg and the dialect's first look at the
    server)."""
    try:
        await asyncio.to_thread(lambda: get_engine().connect().close())
    except Exception:  # the database may come up later: the first event connects then
        log.exception("connecting to the database at start failed")


@contextlib.contextmanager
def transaction(engine: Engine | None = None, *, write: bool = True, origin: str = "") -> Iterator[Session]:
    """One unit of work: commits on success, rolls back whole on any error;
    once committed, the open pages that show what changed are told (`origin`: the tab it came from).

    `write=False` for work that reads: on SQLite it waits for no writer. Should it write after
    all (a session's last-seen time, once a minute) and find the database changed since it began
    reading, it fails with `is_read_conflict`: run it again as a write."""
    writing = _writing.set(write)
    try:
        with Session(engine or get_engine(), expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise
            broadcast.publish(changes.take(session), origin)
            mail.committed(session)
    finally:
        _writing.reset(writing)


def is_read_conflict(error: BaseException) -> bool:
    """SQLite refusing a read transaction's late write (another write came first)."""
    return isinstance(error, OperationalError) and "database is locked" in str(error)
